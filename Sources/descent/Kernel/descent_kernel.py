"""The descent kernel for Jupyter.

Jupyter talks to this small kernel, built on ipykernel's Kernel base class
(which Jupyter installs), and the kernel talks to one long-lived
`descent --serve` process over pipes, one JSON request and one JSON reply
per line (docs/protocol.md). Each line of a Jupyter cell is one descent cell.

Every descent cell's output is published with a display_id of its own; when
an edit re-runs other cells, their new outputs go out as
update_display_data, so the cells above change in place.

`descent kernel install` writes this file, with kernel.json beside it.
"""

import json
import os
import signal
import subprocess
import sys
import uuid

from ipykernel.kernelapp import IPKernelApp
from ipykernel.kernelbase import Kernel


class DescentKernel(Kernel):
    implementation = "descent"
    implementation_version = "0.1.0"
    language = "descent"
    language_version = "0.1.0"
    language_info = {
        "name": "descent",
        "mimetype": "text/x-descent",
        "file_extension": ".descent",
        "pygments_lexer": "text",
    }
    banner = "descent: gradient descent, one cell per line (:help for a tour)"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._binary = os.environ.get("DESCENT_BINARY", "descent")
        self._process = None
        self._start()

    # The descent process

    def _start(self):
        # A new prefix for each process: a display of the notebook before a
        # restart is never updated by the cells after it.
        self._prefix = "descent-" + uuid.uuid4().hex[:12] + "-"
        # Descent cells that have a display in some Jupyter cell.
        self._shown = set()
        self._next_id = 0
        self._process = subprocess.Popen(
            [self._binary, "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=sys.stderr,
        )

    def _stop(self):
        if self._process is not None and self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def _ask(self, request):
        """Sends one request and returns its reply; None if descent has ended."""
        self._next_id += 1
        request = dict(request, id=self._next_id)
        try:
            self._process.stdin.write((json.dumps(request) + "\n").encode("utf-8"))
            self._process.stdin.flush()
        except (BrokenPipeError, OSError):
            return None
        while True:
            line = self._process.stdout.readline()
            if not line:
                return None
            reply = json.loads(line.decode("utf-8"))
            if reply.get("id") == self._next_id:
                return reply

    def _interrupt_descent(self, *_):
        if self._process is not None and self._process.poll() is None:
            os.kill(self._process.pid, signal.SIGINT)

    # Jupyter interrupts a kernel with SIGINT. While a request is handled,
    # ipykernel would turn it into a KeyboardInterrupt wherever Python is;
    # here it is passed on to descent instead, which stops the run and
    # replies, and the kernel goes on waiting for that reply.

    def pre_handler_hook(self):
        try:
            self.saved_sigint_handler = signal.signal(signal.SIGINT, self._interrupt_descent)
        except ValueError:   # not the main thread: signals are not ours to set
            self.saved_sigint_handler = None

    def post_handler_hook(self):
        if self.saved_sigint_handler is not None:
            try:
                signal.signal(signal.SIGINT, self.saved_sigint_handler)
            except ValueError:
                pass

    def _restart_after_failure(self):
        status = self._process.poll() if self._process is not None else None
        self._stop()
        self._start()
        return "descent stopped (status %s); the kernel started an empty notebook" % status

    # Jupyter's requests

    def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False, **kwargs):
        reply = self._ask({"op": "execute", "code": code})
        if reply is None:
            message = self._restart_after_failure()
            return self._error("descent stopped", message, [message], silent)
        first_error = None
        for item in reply.get("items", []):
            if item.get("note"):
                continue
            failed = not item.get("ok") and not item.get("rerun")
            if failed and first_error is None:
                first_error = item
            if silent:
                continue
            if item.get("cell") is None:
                self._publish_plain(item, failed)
            else:
                self._publish_cell(item)
        if reply.get("interrupted"):
            return self._error("interrupted", "interrupted: the run stopped where it was", [], silent)
        if first_error is not None:
            problem = first_error.get("error", {})
            return self._error("error", problem.get("message", "error"), problem.get("traceback", []), silent=True)
        return {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}

    def _publish_cell(self, item):
        """A descent cell's output, in its own display: new, or in place."""
        display_id = self._prefix + str(item["cell"])
        data = {"text/plain": item.get("text", "")}
        if "svg" in item:
            data["image/svg+xml"] = item["svg"]
        content = {"data": data, "metadata": {}, "transient": {"display_id": display_id}}
        if display_id in self._shown:
            self.send_response(self.iopub_socket, "update_display_data", content)
        if not item.get("rerun"):
            self.send_response(self.iopub_socket, "display_data", content)
            self._shown.add(display_id)

    def _publish_plain(self, item, failed):
        """What a command said, or a line that made no cell."""
        if failed:
            problem = item.get("error", {})
            self.send_response(self.iopub_socket, "error", {
                "ename": "error",
                "evalue": problem.get("message", "error"),
                "traceback": problem.get("traceback", []),
            })
        elif item.get("text"):
            self.send_response(self.iopub_socket, "stream", {"name": "stdout", "text": item["text"] + "\n"})

    def _error(self, ename, evalue, traceback, silent):
        content = {"ename": ename, "evalue": evalue, "traceback": traceback}
        if not silent:
            self.send_response(self.iopub_socket, "error", content)
        return dict(content, status="error", execution_count=self.execution_count)

    def do_complete(self, code, cursor_pos):
        reply = self._ask({"op": "complete", "code": code, "cursor": cursor_pos}) or {}
        return {
            "status": "ok",
            "matches": reply.get("matches", []),
            "cursor_start": reply.get("start", cursor_pos),
            "cursor_end": reply.get("end", cursor_pos),
            "metadata": {},
        }

    def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        reply = self._ask({"op": "inspect", "code": code, "cursor": cursor_pos}) or {}
        if not reply.get("found"):
            return {"status": "ok", "found": False, "data": {}, "metadata": {}}
        return {"status": "ok", "found": True, "data": {"text/plain": reply["text"]}, "metadata": {}}

    def do_is_complete(self, code):
        reply = self._ask({"op": "is_complete", "code": code}) or {}
        return {"status": reply.get("status", "unknown")}

    def do_shutdown(self, restart):
        self._stop()
        return {"status": "ok", "restart": restart}


if __name__ == "__main__":
    IPKernelApp.launch_instance(kernel_class=DescentKernel)
