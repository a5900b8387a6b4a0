"""Put a finished folder in place of an older one so that a crash at any moment leaves one whole.

Two renames (old out of the way, new in) leave a moment with neither folder in place: a
SIGKILL or a power cut there loses the previous plan as well as the new one. On Linux the
kernel swaps two paths in one step (renameat2 with RENAME_EXCHANGE, glibc 2.28+, every local
file system); elsewhere, or where the file system refuses, the two renames stay, and the next
write puts a stranded previous folder back (`clear_leftovers`).

Temporary folders are named `.NAME.tmp-PID` and `.NAME.old-PID` beside NAME, so that leftovers
of a killed process can be told from those of one still running.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import functools
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def temp_name(final: Path, kind: str) -> Path:
    """`.NAME.tmp-PID` or `.NAME.old-PID` beside `final`."""
    return final.parent / f".{final.name}.{kind}-{os.getpid()}"


def swap_in(tmp: Path, final: Path) -> None:
    """Make the complete folder `tmp` the folder `final`, replacing what was there."""
    if not final.exists():
        os.replace(tmp, final)
        return
    if _exchange(tmp, final):  # tmp now holds the previous folder
        shutil.rmtree(tmp, ignore_errors=True)
        return
    old = temp_name(final, "old")
    os.replace(final, old)
    os.replace(tmp, final)
    shutil.rmtree(old, ignore_errors=True)


def clear_leftovers(final: Path) -> None:
    """Remove the temporary folders of killed writers of `final`; a previous folder stranded
    between two renames goes back in place first."""
    pattern = re.compile(rf"^\.{re.escape(final.name)}\.(tmp|old)-(\d+)$")
    if not final.parent.is_dir():
        return
    for p in sorted(final.parent.iterdir()):
        m = pattern.match(p.name)
        if m is None or _alive(int(m[2])):
            continue
        if m[1] == "old" and not final.exists():
            os.replace(p, final)
        else:
            shutil.rmtree(p, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        call: Callable[..., int] = libc.renameat2
        return call
    except (OSError, AttributeError):  # not glibc 2.28+ (macOS, musl, Windows)
        return None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system cannot."""
    call = _renameat2()
    if call is None:
        return False
    rc = call(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # kernel or file system says no
        return False
    raise OSError(err, os.strerror(err), str(b))
