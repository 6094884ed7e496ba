"""Writes assets/model/words.txt, the whole words distill.py gives rows of
their own (see README.md), from SCOWL's size-50 English word lists as Debian
packages them (wamerican and wbritish 2020.12.07-2; SCOWL's licence is in
LICENSE):

    apt-get download wamerican=2020.12.07-2 wbritish=2020.12.07-2
    dpkg-deb -x wamerican_2020.12.07-2_all.deb /tmp/scowl
    dpkg-deb -x wbritish_2020.12.07-2_all.deb /tmp/scowl
    python3 assets/model/words.py /tmp/scowl/usr/share/dict/american-english \
        /tmp/scowl/usr/share/dict/british-english

Kept: lower-case words of three or more ASCII letters (no names, no
possessives), sorted; a plural whose singular is in the list is left out
(WordPiece reads "baristas" as "barista" + "##s").
"""

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "words.txt"


def main() -> None:
    words = set()
    for path in sys.argv[1:]:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            w = line.strip()
            if w.isascii() and w.isalpha() and w.islower() and len(w) >= 3:
                words.add(w)
    kept = sorted(w for w in words if not plural(w, words))
    OUT.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(kept)} words")


def plural(w: str, words: set) -> bool:
    return (
        (w.endswith("ies") and w[:-3] + "y" in words)
        or (w.endswith("es") and w[:-2] in words)
        or (w.endswith("s") and not w.endswith("ss") and w[:-1] in words)
    )


if __name__ == "__main__":
    main()
