#!/usr/bin/env python3
"""Writes a questions file with every question re-spelled as people type Kazakh without Kazakh
Cyrillic: the 2021 Latin alphabet, informal Latin ("qazaq", "zh", "sh"), or a Russian keyboard.
Used to measure the script-independent key (docs/evaluation.md):

    scripts/transliterate_questions.py latin2021 < questions.jsonl > latin.jsonl
"""
import json
import sys

LATIN_2021 = dict(zip("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    ["a", "ä", "b", "v", "g", "ğ", "d", "e", "io", "j", "z", "i", "i", "k", "q", "l", "m", "n",
     "ñ", "o", "ö", "p", "r", "s", "t", "u", "ū", "ü", "f", "h", "h", "ts", "ch", "ş", "şş", "",
     "y", "ı", "", "e", "iu", "ia"]))
INFORMAL = dict(zip("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    ["a", "a", "b", "v", "g", "gh", "d", "e", "yo", "zh", "z", "i", "i", "k", "q", "l", "m", "n",
     "ng", "o", "o", "p", "r", "s", "t", "u", "u", "u", "f", "kh", "h", "ts", "ch", "sh", "sh", "",
     "y", "i", "", "e", "yu", "ya"]))
RUSSIAN_KEYBOARD = dict(zip("әғқңөұүіһ", "аг кноууих".replace(" ", "")))


def spell(text, table):
    out = []
    for c in text:
        low = c.lower()
        if low in table:
            t = table[low]
            out.append(t.capitalize() if c != low and t else t)
        else:
            out.append(c)
    return "".join(out)


def main():
    table = {"latin2021": LATIN_2021, "informal": INFORMAL, "russian-keyboard": RUSSIAN_KEYBOARD}[sys.argv[1]]
    for line in sys.stdin:
        if line.strip():
            q = json.loads(line)
            q["question"] = spell(q["question"], table)
            print(json.dumps(q, ensure_ascii=False))


if __name__ == "__main__":
    main()
