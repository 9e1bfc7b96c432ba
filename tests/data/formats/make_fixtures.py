#!/usr/bin/env python3
"""Writes the flat-ODT sources of the DOCX and PDF fixtures; LibreOffice converts them.

    python3 make_fixtures.py
    soffice --headless --convert-to docx:"MS Word 2007 XML" festival-kk.fodt
    soffice --headless --convert-to pdf cinema-report-kk.fodt
"""
from xml.sax.saxutils import escape

SHY = "\u00ad"

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>{title}</dc:title><meta:creation-date>{created}</meta:creation-date><dc:date>{created}</dc:date></office:meta>
 <office:font-face-decls><style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph"><style:text-properties style:font-name="DejaVu Serif" fo:font-size="11pt" fo:language="kk" fo:country="KZ"/></style:default-style>
  <style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="justify"/></style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1"><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2"><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="14.8cm" fo:page-height="21cm" fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
  <style:style style:name="PageBreak" style:family="paragraph" style:parent-style-name="Heading_20_2"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:style style:name="Ru" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:language="ru" fo:country="RU"/></style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">{header}</style:master-page>
 </office:master-styles>
 <office:body><office:text>
"""
TAIL = "</office:text></office:body></office:document>\n"


def h(level, text, style=None):
    style = style or f"Heading_20_{level}"
    return f'<text:h text:style-name="{style}" text:outline-level="{level}">{escape(text)}</text:h>\n'


def p(text, style="Standard"):
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>\n'


def soft(text):
    """Soft hyphens inside long words, so justified lines break in them."""
    words = []
    for word in text.split(" "):
        if len(word) >= 9:
            word = word[:4] + SHY + word[4:-3] + SHY + word[-3:]
        words.append(word)
    return " ".join(words)


def table(rows):
    out = ['<table:table table:name="Winners"><table:table-column table:number-columns-repeated="3"/>\n']
    for row in rows:
        out.append("<table:table-row>")
        for cell in row:
            out.append(f'<table:table-cell office:value-type="string"><text:p>{escape(cell)}</text:p></table:table-cell>')
        out.append("</table:table-row>\n")
    out.append("</table:table>\n")
    return "".join(out)


def festival():
    body = [
        h(1, "«Шабыт» кинофестивалінің қорытындысы"),
        p("Астанада өткен «Шабыт» жас кинематографистер фестивалі 2025 жылғы 14 қыркүйекте жабылды. Байқауға 23 өңірден 186 қысқаметражды фильм ұсынылды."),
        p("Бас жүлдені Қызылордалық режиссёр Әйгерім Сұлтанғазинаның «Ұлы дала үні» фильмі жеңіп алды. Қазылар алқасы фильмнің қаһарманы — Арал өңіріндегі балықшы ғұмырын шынайы көрсеткенін атап өтті."),
        h(2, "Жеңімпаздар"),
        table([
            ["Аталым", "Фильм", "Режиссёр"],
            ["Бас жүлде", "Ұлы дала үні", "Әйгерім Сұлтанғазина"],
            ["Үздік деректі фильм", "Шаһар шуағы", "Нұрлан Өтеғұлов"],
            ["Көрермен көзайымы", "Көкөзек", "Іңкәр Жүсіпова"],
        ]),
        p("Фестиваль қорытындысы бойынша үш жобаға толықметражды фильм түсіруге грант беріледі."),
    ]
    head = HEAD.format(title=escape("«Шабыт» кинофестивалі: 2025 жылғы жеңімпаздар"),
                       created="2025-09-15T09:30:00", header="")
    return head + "".join(body) + TAIL


def report():
    header = ('<style:header><text:p text:style-name="Standard">ҚР Мәдениет және ақпарат министрлігі</text:p></style:header>'
              '<style:footer><text:p text:style-name="Standard">Баспасөз қызметі · <text:page-number text:select-page="current">1</text:page-number> бет</text:p></style:footer>')
    body = [h(1, "Өңірлердегі кино көрсету: 2025 жылғы есеп")]
    pages = [
        ("Ауылдық кинозалдар",
         ["2025 жылы ауылдық елді мекендерде 48 жаңа кинозал ашылды. Олардың көпшілігі мәдениет үйлерінің ғимараттарында орналасқан және отандық фильмдерді тегін көрсетеді.",
          "Жылжымалы кинотеатрлар бағдарламасы аясында 612 ауылда көрсетілімдер ұйымдастырылды. Көрермендер саны бір жылда 1,3 миллион адамға жетті, бұл өткен жылғы көрсеткіштен 27 пайызға артық.",
          "Өңірлік әкімдіктер жабдықтарды жаңартуға қосымша қаражат бөлді. Әсіресе Түркістан, Жамбыл және Шығыс Қазақстан облыстарында цифрлық проекторлар толық ауыстырылды."]),
        ("Отандық фильмдердің үлесі",
         ["Кинотеатрлардағы отандық фильмдердің үлесі 2025 жылы 31 пайызға көтерілді. Қазақ тіліндегі туындылардың прокаттағы табысы алғаш рет 9 миллиард теңгеден асты.",
          "Ең көп көрермен жинаған фильм «Қаһарман ұлы» болды: оны елдегі кинотеатрларда 640 мың адам тамашалады. Екінші орында тарихи драма «Ұлытау», үшінші орында балаларға арналған «Күнікей» анимациясы.",
          "Прокатшылар дубляж бен субтитрлеудің сапасы жақсарғанын атап өтті; шетел фильмдерінің 70 пайызы қазақ тілінде дубляждалды."]),
        ("Келесі жылғы жоспар",
         ["2026 жылы тағы 60 ауылдық кинозал ашу жоспарланып отыр. Мемлекеттік тапсырыс бойынша түсірілген фильмдер шыққаннан кейін бір жыл ішінде барлық өңірлерде көрсетілуге тиіс.",
          ("В 2026 году министерство планирует открыть ещё 60 сельских кинозалов и перевести на цифровое оборудование все передвижные кинотеатры страны.", "Ru")]),
    ]
    for n, (heading, paragraphs) in enumerate(pages):
        body.append(h(2, heading, style="PageBreak" if n else None))
        for para in paragraphs:
            if isinstance(para, tuple):
                body.append(p(soft(para[0]), para[1]))
            else:
                body.append(p(soft(para)))
    head = HEAD.format(title=escape("Өңірлердегі кино көрсету: 2025 жылғы есеп"),
                       created="2025-12-01T11:00:00", header=header)
    return head + "".join(body) + TAIL


if __name__ == "__main__":
    with open("festival-kk.fodt", "w", encoding="utf-8") as f:
        f.write(festival())
    with open("cinema-report-kk.fodt", "w", encoding="utf-8") as f:
        f.write(report())
