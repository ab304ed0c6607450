r"""Reading text input in bounded pieces: the command line never holds more than one piece of a file or
of stdin in memory, however large the input (``namenorm tag /dev/zero`` runs in constant memory).

```pycon
>>> import io
>>> text = "Moskwa.\n\nKijów i Lwów.\n\nWarszawa."
>>> list(pieces(decoded(io.BytesIO(text.encode()), "utf-8", "stdin"), size=20))
[(0, 'Moskwa.\n\n'), (9, 'Kijów i Lwów.\n\n'), (24, 'Warszawa.')]

```
"""

from __future__ import annotations

__all__ = ["BLOCK_SIZE", "PIECE_SIZE", "decoded", "lines", "pieces"]

import codecs
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from .errors import NamenormError

BLOCK_SIZE = 1 << 20
"""Bytes read at a time."""
PIECE_SIZE = 1_000_000
"""The longest piece of text tagged at once, in characters (``namenorm tag --piece-size``)."""


class ReplacedBytes(UserWarning):
    """Some bytes of an input were not text in its encoding and were replaced by U+FFFD."""


def decoded(
    stream: BinaryIO, encoding: str, source: str, on_replaced: Callable[[str], None] | None = None
) -> Iterator[str]:
    """The text of a binary stream, block by block; a leading byte-order mark is dropped. Bytes that are
    not ``encoding`` are replaced (U+FFFD), and the first time, ``on_replaced`` is called with a message
    naming ``source`` (by default, a :class:`ReplacedBytes` warning)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError as exc:
        raise NamenormError(f"unknown text encoding {encoding!r} (--encoding)") from exc
    if not getattr(info, "_is_text_encoding", True):  # rot13 maps text to text, hex bytes to bytes
        raise NamenormError(f"{encoding!r} is not a text encoding (--encoding)")
    decoder = info.incrementaldecoder("strict")
    first = True
    read = getattr(stream, "read1", stream.read)  # what has come so far: a line piped in is answered
    while True:
        try:
            data = read(BLOCK_SIZE)
        except OSError as exc:
            raise NamenormError(f"{source}: cannot read: {exc.strerror or exc}") from exc
        final = not data
        state = decoder.getstate()
        try:
            text = decoder.decode(data, final)
        except UnicodeError:  # undecodable bytes, or a UTF-16 stream without its byte-order mark
            message = f"{source}: some bytes are not {encoding} text and were replaced; try --encoding"
            if on_replaced is None:
                warnings.warn(message, ReplacedBytes, stacklevel=2)
            else:
                on_replaced(message)
            decoder = info.incrementaldecoder("replace")
            decoder.setstate(state)
            try:
                text = decoder.decode(data, final)
            except UnicodeError as exc:  # no replacing helps (UTF-16 without a byte-order mark)
                raise NamenormError(f"{source}: not {encoding} text ({exc}); try --encoding") from exc
        if first and text:
            text, first = text.removeprefix("\ufeff"), False
        if text:
            yield text
        if final:
            return


def pieces(blocks: Iterable[str], size: int = PIECE_SIZE) -> Iterator[tuple[int, str]]:
    """``(offset, text)`` pieces of at most ``size`` characters, cut after the last paragraph break
    (a blank line) that fits, else the last line break, else the last space; a piece without any is cut
    at ``size``. Offsets count characters from the start of the input."""
    if size < 1:
        raise NamenormError(f"the piece size must be at least 1 character, not {size}")
    buffer, offset = "", 0
    for block in blocks:
        buffer += block
        while len(buffer) > size:
            cut = _cut(buffer, size)
            yield offset, buffer[:cut]
            offset, buffer = offset + cut, buffer[cut:]
    if buffer:
        yield offset, buffer


def _cut(text: str, size: int) -> int:
    for separator in ("\n\n", "\n", " "):
        at = text.rfind(separator, 0, size - len(separator) + 1)
        if at > 0:
            return at + len(separator)
    return size


_LINE_ENDS = frozenset("\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")
"""The characters ``str.splitlines`` ends a line at, but ``\r`` (it may be half of ``\r\n``)."""


def lines(blocks: Iterable[str], longest: int | None = None) -> Iterator[str]:
    r"""The lines of the text (without their line breaks), one at a time. The last line of a block is kept
    until the next block shows where it ends (``\r`` may be half of ``\r\n``); a line read to its end
    is yielded at once (a name piped in is answered before the next comes). With ``longest``, a
    longer line is cut after ``longest + 1`` characters, and the rest of it is skipped as it is read
    (memory stays bounded on input without line breaks).

    ```pycon
    >>> list(lines(["Mosk", "wa\r", "\nKij\u00f3w\nx" + "y" * 9, "yy\nRzym"], longest=6))
    ['Moskwa', 'Kijów', 'xyyyyyy', 'Rzym']

    ```
    """
    limit = None if longest is None else longest + 1
    rest, cut = "", False
    for block in blocks:
        parts = (rest + block).splitlines(keepends=True)
        rest = parts.pop() if parts and parts[-1][-1:] not in _LINE_ENDS else ""  # an ended line goes now
        for line in "".join(parts).splitlines():
            if not cut:
                yield line[:limit]
            cut = False
        if limit is not None and len(rest) > limit and rest.splitlines()[0] == rest:
            if not cut:
                yield rest[:limit]
            rest, cut = "", True
    if rest and not cut:
        yield from (line[:limit] for line in rest.splitlines())
