"""Checks of the descent kernel through Jupyter's own client.

    python3 kernel_checks.py CHECK

starts the kernel named "descent" (found on JUPYTER_PATH) with
jupyter_client, runs one check and prints "ok"; a failed check raises, with
what Jupyter sent. The Swift end-to-end tests install the kernel into a
temporary prefix and run each check.
"""

import sys
import time

import nbformat

from jupyter_client.manager import start_new_kernel

# A hang guard, never a pace: every wait below ends as soon as its message comes.
PATIENCE = 120


class Session:
    def __init__(self):
        self.manager, self.client = start_new_kernel(kernel_name="descent", startup_timeout=PATIENCE)

    def close(self):
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)

    def run(self, code):
        """Runs code; returns the execute reply and the output messages it caused.

        stop_on_error=False: after an error reply, ipykernel aborts requests
        that reach it before it has finished reporting the error, and a check
        that sends its next cell at once could otherwise race that."""
        msg_id = self.client.execute(code, stop_on_error=False)
        return self.collect(msg_id)

    def collect(self, msg_id):
        outputs = []
        while True:
            message = self.client.get_iopub_msg(timeout=PATIENCE)
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            kind = message["msg_type"]
            if kind == "status" and message["content"]["execution_state"] == "idle":
                break
            if kind in ("display_data", "update_display_data", "error", "stream", "execute_result"):
                outputs.append((kind, message["content"]))
        return self.reply(msg_id)["content"], outputs

    def reply(self, msg_id):
        """The shell reply to msg_id (a kernel_info reply left from start-up is passed over)."""
        while True:
            reply = self.client.get_shell_msg(timeout=PATIENCE)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply


def displays(outputs, kind="display_data"):
    return [content for (k, content) in outputs if k == kind]


def check_execute(session):
    reply, outputs = session.run("f(x) = x^2 + 2\nf'(3)\n# a note, no output")
    assert reply["status"] == "ok", reply
    shown = displays(outputs)
    assert [d["data"]["text/plain"] for d in shown] == ["f(x) = x^2 + 2", "6"], outputs
    ids = [d["transient"]["display_id"] for d in shown]
    assert len(set(ids)) == 2 and all(ids), ids


def check_svg(session):
    reply, outputs = session.run("f(x) = x^2 + 2\nplot(f, -5..5)")
    assert reply["status"] == "ok", reply
    plot = displays(outputs)[1]["data"]
    assert "<svg" in plot["image/svg+xml"], plot
    assert plot["text/plain"].startswith("f(x) = x^2 + 2\n"), plot
    assert "\x1b[" not in plot["text/plain"], "no colour codes in text/plain"


def check_error(session):
    reply, outputs = session.run("z = q + 1")
    assert reply["status"] == "error", reply
    assert reply["evalue"] == "unknown name 'q'", reply
    assert any(line.strip() == "^" for line in reply["traceback"]), reply["traceback"]
    assert any(line.startswith("hint:") or "q" in line for line in reply["traceback"]), reply["traceback"]
    # A line that is no line of the language: an error output of its own.
    reply, outputs = session.run("f(x = 2")
    assert reply["status"] == "error", reply
    assert any(k == "error" for (k, _) in outputs), outputs


def check_update(session):
    _, first = session.run("f(x) = x^2 + 2\nrate = 0.1")
    _, second = session.run("r = descend(f, from: -4, step: rate)\nplot(f, -5..5, path: r)")
    run_id, plot_id = [d["transient"]["display_id"] for d in displays(second)]
    rate_id = displays(first)[1]["transient"]["display_id"]
    reply, third = session.run("rate = 0.9")
    assert reply["status"] == "ok", reply
    updates = {d["transient"]["display_id"]: d for d in displays(third, "update_display_data")}
    assert run_id in updates and plot_id in updates and rate_id in updates, third
    assert "step 0.9" in updates[run_id]["data"]["text/plain"], updates[run_id]
    assert "<svg" in updates[plot_id]["data"]["image/svg+xml"]
    assert updates[rate_id]["data"]["text/plain"] == "rate = 0.9"
    # The edited cell shows its new value where it is typed, too.
    assert [d["data"]["text/plain"] for d in displays(third)] == ["rate = 0.9"], third


def check_complete(session):
    session.run("rate = 0.1")
    content = session.reply(session.client.complete("r = desc", 8))["content"]
    assert "descend" in content["matches"], content
    assert content["cursor_start"] == 4 and content["cursor_end"] == 8, content
    content = session.reply(session.client.complete("x = ra", 6))["content"]
    assert "rate" in content["matches"], content


def check_inspect(session):
    session.run("rate = 0.1")
    content = session.reply(session.client.inspect("descend(f, step: rate)", 19))["content"]
    assert content["found"], content
    assert "rate = 0.1" in content["data"]["text/plain"], content
    content = session.reply(session.client.inspect("descend", 3))["content"]
    assert content["found"] and "descend(" in content["data"]["text/plain"], content


def check_is_complete(session):
    for code, status in [("f(x) = x^2", "complete"), ("rate = 0.1\n:save tutorial", "complete"), ("f(x = 2", "invalid")]:
        content = session.reply(session.client.is_complete(code))["content"]
        assert content["status"] == status, (code, content)


def check_interrupt(session):
    session.run("g(x) = x^4")
    # A run of a trillion tiny steps: it ends only when interrupted (see run for stop_on_error).
    msg_id = session.client.execute("r = descend(g, from: 1, step: 1e-12, max: 1e12, tol: 0)", stop_on_error=False)
    # Wait until the kernel is busy with it, then interrupt until the reply
    # comes (an interrupt that lands before the run starts is ignored).
    while True:
        message = session.client.get_iopub_msg(timeout=PATIENCE)
        if message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "execute_input":
            break
    deadline = time.monotonic() + PATIENCE
    while True:
        assert time.monotonic() < deadline, "the run was never interrupted"
        session.manager.interrupt_kernel()
        try:
            reply = session.client.get_shell_msg(timeout=1)
        except Exception:
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    content = reply["content"]
    assert content["status"] == "error" and content["ename"] == "interrupted", content
    # The kernel goes on: the interrupted run is a value, and the notebook answers.
    reply, outputs = session.run("r.status")
    assert reply["status"] == "ok", reply
    assert displays(outputs)[-1]["data"]["text/plain"] == "interrupted", outputs


def check_restart(session):
    session.run("rate = 0.1")
    session.manager.restart_kernel(now=True)
    session.client.wait_for_ready(timeout=PATIENCE)
    reply, _ = session.run("rate")
    assert reply["status"] == "error" and "rate" in reply["evalue"], reply
    reply, outputs = session.run("rate = 0.2")
    assert reply["status"] == "ok", reply


def check_commands(session, folder):
    reply, outputs = session.run("f(x) = x^2 + 2\nrate = 0.1\nr = descend(f, from: -4, step: rate)\n"
                                 f":save {folder}/kernel.ipynb\n:export {folder}/kernel.py\n:play r")
    assert reply["status"] == "ok", reply
    said = "".join(content["text"] for (kind, content) in outputs if kind == "stream")
    assert f"saved 3 cells to {folder}/kernel.ipynb" in said, said
    assert ":play needs a terminal" in said, said
    written = nbformat.read(f"{folder}/kernel.ipynb", as_version=4)
    nbformat.validate(written)
    assert written.metadata.kernelspec.name == "descent", written.metadata
    reply, outputs = session.run(f":load! {folder}/kernel.ipynb")
    assert reply["status"] == "ok", reply
    assert any(d["data"]["text/plain"] == "rate = 0.1" for d in displays(outputs)), outputs


if __name__ == "__main__":
    name = sys.argv[1]
    session = Session()
    try:
        if name == "commands":
            check_commands(session, sys.argv[2])
        else:
            globals()["check_" + name](session)
    finally:
        session.close()
    print("ok")
