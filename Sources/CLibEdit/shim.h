// Non-variadic wrappers around libedit's variadic el_set/el_get/history,
// which Swift cannot call directly. Each wrapper does one operation.
#ifndef DESCENT_CLIBEDIT_SHIM_H
#define DESCENT_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <histedit.h>
#include <signal.h>
#include <pthread.h>
#include <string.h>
#include <errno.h>
#include <locale.h>
#include <langinfo.h>

typedef char *(*descent_prompt_fn)(EditLine *);
typedef unsigned char (*descent_command_fn)(EditLine *, int);

/// Starts libedit on the process's standard streams (Swift 6 may not touch
/// the C stdio globals itself).
static inline EditLine *descent_el_init(const char *prog) {
    return el_init(prog, stdin, stdout, stderr);
}

/// The prompt callback; characters between two `ignore` characters are
/// printed but take no width (colour escapes).
static inline int descent_el_set_prompt(EditLine *el, descent_prompt_fn fn, char ignore) {
    return el_set(el, EL_PROMPT_ESC, fn, ignore);
}

static inline int descent_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int descent_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int descent_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int descent_el_add_function(EditLine *el, const char *name,
                                          const char *help, descent_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

static inline int descent_el_bind(EditLine *el, const char *key, const char *name) {
    return el_set(el, EL_BIND, key, name, NULL);
}

static inline int descent_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *descent_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

static inline int descent_el_refresh(EditLine *el) {
    return el_set(el, EL_REFRESH);
}

static inline int descent_history_setsize(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

static inline int descent_history_setunique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}

static inline int descent_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

static inline int descent_history_clear(History *h) {
    HistEvent ev;
    return history(h, &ev, H_CLEAR);
}

/// Set by the SIGINT handler; read and cleared by the Swift side.
static volatile sig_atomic_t descent_interrupted = 0;

static inline void descent_sigint_handler(int signo) {
    (void)signo;
    descent_interrupted = 1;
}

/// Installs a SIGINT handler without SA_RESTART, so that a blocked el_gets
/// returns with EINTR and the REPL can clear the line and prompt again.
static inline int descent_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = descent_sigint_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(SIGINT, &sa, NULL);
}

/// Blocks (1) or unblocks (0) SIGINT for the calling thread. The process
/// may start with it blocked (inherited from whatever launched it).
static inline int descent_block_sigint(int block) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    return pthread_sigmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

static inline int descent_take_interrupt(void) {
    int was = descent_interrupted;
    descent_interrupted = 0;
    return was;
}

static inline int descent_peek_interrupt(void) {
    return descent_interrupted;
}

static inline int descent_errno(void) { return errno; }

/// Sets LC_CTYPE from the environment and falls back to C.UTF-8 when the
/// codeset is not UTF-8 (libedit drops non-ASCII input otherwise).
/// Returns 1 when the user's own locale is UTF-8.
static inline int descent_setup_locale(void) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    int utf8 = codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
    if (!utf8) setlocale(LC_CTYPE, "C.UTF-8");
    return utf8;
}

#endif
