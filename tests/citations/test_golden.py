"""Golden citations: one work of each kind (``works.yml``) in all six outputs, each expected output
written by hand from the rules, not from the code:

- Chicago 17th ed., notes and bibliography, bibliography entries (CMOS 14.68-14.84 names and
  corporate authors, 14.100-14.112 books, editions, chapters, 14.114 first publication,
  14.171-14.180 journals, 14.186-14.191 magazines and newspapers, 14.206 web pages, 14.224 theses,
  14.233 reference works): elements separated by full stops; a title ending in ? or ! takes no
  full stop; the full stop after an italic title is roman (outside the italics); website titles in
  roman; magazines and newspapers by date; "First published YEAR." for the original date.
- MLA Handbook 9th ed., works cited: Author. Title. Container, Other contributors, Version,
  Number, Publisher, Date, Location. "et al." for three or more authors; an organization that is
  both author and publisher is given as publisher only; a publisher identical to the container is
  omitted; the original date follows the title; URLs without the scheme; p./pp.; dissertations as
  "Title. Year. Institution, PhD dissertation."
- BibTeX (btxdoc, Patashnik 1988): entry types and their fields (@misc has author, title,
  howpublished, month, year, note: so a misc entry's imprint goes in howpublished); "--" for a range;
  corporate names in braces; month macros.
- RIS (Research Information Systems format): TY first and ER last, "XX  - value" lines, DA as
  YYYY/MM/DD/other with every slash, SP and EP the first and last page (a range abbreviated in print,
  101–2, has last page 102), A2 editors, A4 translators, T2 the container.
- CSL-JSON (citation-style-language/schema, csl-data.json): CSL types and variables, names as
  family/given or literal, dates as date-parts.
- Meta tags: Highwire Press ``citation_*`` (as Google Scholar and Zotero's Embedded Metadata
  translator read them) and Dublin Core, no empty tag, a journal is never given as a publisher.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools.render import citations, cite_formats
from build_tools.sources.bibliography import KINDS, Work, work_from_data

WORKS: dict[str, dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "works.yml").read_text(encoding="utf-8"))
PAGE = "https://site.example/sources/x/"


def work(kind: str, **changes: Any) -> Work:
    return work_from_data(kind, {**WORKS[kind], **changes})


CHICAGO = {
    "book": "Sample, Beatrice, and Carl Second. <i>A History of Northgate: The City and Its Councils</i>. 2nd ed. Northgate: Fixture Press, 1970.",
    "chapter": (
        "Example, A. N. \u201cCouncils in Invented Cities.\u201d In <i>Essays on Imaginary Revolutions</i>, edited by Clara Editor, translated by "
        "Dmitri Translator, 12–34. Northgate: Fixture Press, 1980. First published 1975."
    ),
    "journal-article": (
        "Writer, Joan. \u201cSoviet Power in Northgate.\u201d <i>Journal of Invented History</i> 4, no. 2 (November 1977): 7–13. "
        "https://example.org/jih/4/2/writer."
    ),
    "magazine-article": "Reporter, Maud. \u201cThe Councils Return.\u201d <i>Example Weekly</i>, no. 12, October 14, 1955, 22–24.",
    "newspaper-article": "Correspondent, Ned. \u201cSoviet Meets in Corn Exchange.\u201d <i>Northgate Gazette</i>, December 2, 1905.",
    "official-document": (
        "Northgate City Council. <i>Report of the Committee on the Disturbances of 1905 &amp; 1906</i>. Northgate: Northgate City Council, 1906. "
        "https://example.org/archive/report-1906."
    ),
    "web-page": (
        "Keeper, Wilma. \u201cThe Corn Exchange Today.\u201d Northgate Heritage. Northgate Heritage Trust, June 5, 2019. "
        "https://example.org/heritage/corn-exchange."
    ),
    "encyclopedia-entry": (
        "Scholar, Esther. \u201cNorthgate Soviet.\u201d In <i>Encyclopedia of Invented Places</i>, edited by Frank Compiler, 101–2. "
        "Northgate: Fixture Press, 2001."
    ),
    "thesis": "Student, Tomas. \u201cCouncils and Committees in Northgate, 1905–1906.\u201d PhD diss., Fixture University, 1999.",
}

MLA = {
    "book": "Sample, Beatrice, and Carl Second. <i>A History of Northgate: The City and Its Councils</i>. 2nd ed., Fixture Press, 1970.",
    "chapter": (
        "Example, A. N. \u201cCouncils in Invented Cities.\u201d 1975. <i>Essays on Imaginary Revolutions</i>, translated by Dmitri Translator, "
        "edited by Clara Editor, Fixture Press, 1980, pp. 12–34."
    ),
    "journal-article": (
        "Writer, Joan. \u201cSoviet Power in Northgate.\u201d <i>Journal of Invented History</i>, vol. 4, no. 2, Nov. 1977, pp. 7–13, "
        "example.org/jih/4/2/writer."
    ),
    "magazine-article": "Reporter, Maud. \u201cThe Councils Return.\u201d <i>Example Weekly</i>, no. 12, 14 Oct. 1955, pp. 22–24.",
    "newspaper-article": "Correspondent, Ned. \u201cSoviet Meets in Corn Exchange.\u201d <i>Northgate Gazette</i>, 2 Dec. 1905.",
    "official-document": (
        "<i>Report of the Committee on the Disturbances of 1905 &amp; 1906</i>. Northgate City Council, 1906, example.org/archive/report-1906."
    ),
    "web-page": (
        "Keeper, Wilma. \u201cThe Corn Exchange Today.\u201d <i>Northgate Heritage</i>, Northgate Heritage Trust, 5 June 2019, "
        "example.org/heritage/corn-exchange."
    ),
    "encyclopedia-entry": (
        "Scholar, Esther. \u201cNorthgate Soviet.\u201d <i>Encyclopedia of Invented Places</i>, edited by Frank Compiler, Fixture Press, 2001, pp. 101–2."
    ),
    "thesis": "Student, Tomas. <i>Councils and Committees in Northgate, 1905–1906</i>. 1999. Fixture University, PhD dissertation.",
}

BIBTEX = {
    "book": """@book{sample1970history,
  author = {Sample, Beatrice and Second, Carl},
  title = {{A History of Northgate: The City and Its Councils}},
  edition = {2nd},
  publisher = {Fixture Press},
  address = {Northgate},
  year = {1970}
}""",
    "chapter": """@incollection{example1980councils,
  author = {Example, A. N.},
  editor = {Editor, Clara},
  title = {{Councils in Invented Cities}},
  booktitle = {Essays on Imaginary Revolutions},
  pages = {12--34},
  publisher = {Fixture Press},
  address = {Northgate},
  year = {1980},
  note = {Translated by Dmitri Translator. First published 1975}
}""",
    "journal-article": """@article{writer1977soviet,
  author = {Writer, Joan},
  title = {{Soviet Power in Northgate}},
  journal = {Journal of Invented History},
  volume = {4},
  number = {2},
  pages = {7--13},
  year = {1977},
  month = nov,
  url = {https://example.org/jih/4/2/writer}
}""",
    "magazine-article": """@article{reporter1955councils,
  author = {Reporter, Maud},
  title = {{The Councils Return}},
  journal = {Example Weekly},
  number = {12},
  pages = {22--24},
  year = {1955},
  month = oct
}""",
    "newspaper-article": """@article{correspondent1905soviet,
  author = {Correspondent, Ned},
  title = {{Soviet Meets in Corn Exchange}},
  journal = {Northgate Gazette},
  year = {1905},
  month = dec,
  language = {en}
}""",
    "official-document": """@misc{northgatecitycouncil1906report,
  author = {{Northgate City Council}},
  title = {{Report of the Committee on the Disturbances of 1905 \\& 1906}},
  howpublished = {Northgate: Northgate City Council},
  publisher = {Northgate City Council},
  address = {Northgate},
  year = {1906},
  url = {https://example.org/archive/report-1906}
}""",
    "web-page": """@misc{keeper2019corn,
  author = {Keeper, Wilma},
  title = {{The Corn Exchange Today}},
  howpublished = {Northgate Heritage},
  publisher = {Northgate Heritage Trust},
  year = {2019},
  month = jun,
  url = {https://example.org/heritage/corn-exchange},
  urldate = {2024-01-10}
}""",
    "encyclopedia-entry": """@misc{scholar2001northgate,
  author = {Scholar, Esther},
  editor = {Compiler, Frank},
  title = {{Northgate Soviet}},
  howpublished = {Encyclopedia of Invented Places},
  pages = {101--2},
  publisher = {Fixture Press},
  address = {Northgate},
  year = {2001}
}""",
    "thesis": """@phdthesis{student1999councils,
  author = {Student, Tomas},
  title = {{Councils and Committees in Northgate, 1905--1906}},
  school = {Fixture University},
  year = {1999}
}""",
}

RIS = {
    "book": ["TY  - BOOK", "AU  - Sample, Beatrice", "AU  - Second, Carl", "TI  - A History of Northgate: The City and Its Councils", "PY  - 1970",
             "DA  - 1970///", "ET  - 2nd", "PB  - Fixture Press", "CY  - Northgate"],
    "chapter": ["TY  - CHAP", "AU  - Example, A. N.", "A2  - Editor, Clara", "A4  - Translator, Dmitri", "TI  - Councils in Invented Cities",
                "T2  - Essays on Imaginary Revolutions", "PY  - 1980", "DA  - 1980///", "PB  - Fixture Press", "CY  - Northgate", "SP  - 12", "EP  - 34",
                "N1  - First published 1975."],
    "journal-article": ["TY  - JOUR", "AU  - Writer, Joan", "TI  - Soviet Power in Northgate", "T2  - Journal of Invented History", "PY  - 1977",
                        "DA  - 1977/11//", "VL  - 4", "IS  - 2", "SP  - 7", "EP  - 13", "UR  - https://example.org/jih/4/2/writer"],
    "magazine-article": ["TY  - MGZN", "AU  - Reporter, Maud", "TI  - The Councils Return", "T2  - Example Weekly", "PY  - 1955", "DA  - 1955/10/14/",
                         "IS  - 12", "SP  - 22", "EP  - 24"],
    "newspaper-article": ["TY  - NEWS", "AU  - Correspondent, Ned", "TI  - Soviet Meets in Corn Exchange", "T2  - Northgate Gazette", "PY  - 1905",
                          "DA  - 1905/12/02/", "LA  - en"],
    "official-document": ["TY  - GOVDOC", "AU  - Northgate City Council", "TI  - Report of the Committee on the Disturbances of 1905 & 1906", "PY  - 1906",
                          "DA  - 1906///", "PB  - Northgate City Council", "CY  - Northgate", "UR  - https://example.org/archive/report-1906"],
    "web-page": ["TY  - ELEC", "AU  - Keeper, Wilma", "TI  - The Corn Exchange Today", "T2  - Northgate Heritage", "PY  - 2019", "DA  - 2019/06/05/",
                 "PB  - Northgate Heritage Trust", "UR  - https://example.org/heritage/corn-exchange", "Y2  - 2024-01-10"],
    "encyclopedia-entry": ["TY  - ENCYC", "AU  - Scholar, Esther", "A2  - Compiler, Frank", "TI  - Northgate Soviet", "T2  - Encyclopedia of Invented Places",
                           "PY  - 2001", "DA  - 2001///", "PB  - Fixture Press", "CY  - Northgate", "SP  - 101", "EP  - 102"],
    "thesis": ["TY  - THES", "AU  - Student, Tomas", "TI  - Councils and Committees in Northgate, 1905–1906", "PY  - 1999", "DA  - 1999///",
               "PB  - Fixture University"],
}  # fmt: skip

CSL = {
    "book": {"type": "book", "title": "A History of Northgate: The City and Its Councils", "issued": {"date-parts": [[1970]]},
             "author": [{"family": "Sample", "given": "Beatrice"}, {"family": "Second", "given": "Carl"}], "edition": "2nd", "publisher": "Fixture Press",
             "publisher-place": "Northgate"},
    "chapter": {"type": "chapter", "title": "Councils in Invented Cities", "issued": {"date-parts": [[1980]]}, "original-date": {"date-parts": [[1975]]},
                "author": [{"family": "Example", "given": "A. N."}], "editor": [{"family": "Editor", "given": "Clara"}],
                "translator": [{"family": "Translator", "given": "Dmitri"}], "container-title": "Essays on Imaginary Revolutions",
                "publisher": "Fixture Press", "publisher-place": "Northgate", "page": "12–34"},
    "journal-article": {"type": "article-journal", "title": "Soviet Power in Northgate", "issued": {"date-parts": [[1977, 11]]},
                        "author": [{"family": "Writer", "given": "Joan"}], "container-title": "Journal of Invented History", "volume": "4", "issue": "2",
                        "page": "7–13", "URL": "https://example.org/jih/4/2/writer"},
    "magazine-article": {"type": "article-magazine", "title": "The Councils Return", "issued": {"date-parts": [[1955, 10, 14]]},
                         "author": [{"family": "Reporter", "given": "Maud"}], "container-title": "Example Weekly", "issue": "12", "page": "22–24"},
    "newspaper-article": {"type": "article-newspaper", "title": "Soviet Meets in Corn Exchange", "issued": {"date-parts": [[1905, 12, 2]]},
                          "author": [{"family": "Correspondent", "given": "Ned"}], "container-title": "Northgate Gazette", "language": "en"},
    "official-document": {"type": "document", "title": "Report of the Committee on the Disturbances of 1905 & 1906", "issued": {"date-parts": [[1906]]},
                          "author": [{"literal": "Northgate City Council"}], "publisher": "Northgate City Council", "publisher-place": "Northgate",
                          "URL": "https://example.org/archive/report-1906"},
    "web-page": {"type": "webpage", "title": "The Corn Exchange Today", "issued": {"date-parts": [[2019, 6, 5]]}, "accessed": {"date-parts": [[2024, 1, 10]]},
                 "author": [{"family": "Keeper", "given": "Wilma"}], "container-title": "Northgate Heritage", "publisher": "Northgate Heritage Trust",
                 "URL": "https://example.org/heritage/corn-exchange"},
    "encyclopedia-entry": {"type": "entry-encyclopedia", "title": "Northgate Soviet", "issued": {"date-parts": [[2001]]},
                           "author": [{"family": "Scholar", "given": "Esther"}], "editor": [{"family": "Compiler", "given": "Frank"}],
                           "container-title": "Encyclopedia of Invented Places", "publisher": "Fixture Press", "publisher-place": "Northgate", "page": "101–2"},
    "thesis": {"type": "thesis", "title": "Councils and Committees in Northgate, 1905–1906", "issued": {"date-parts": [[1999]]},
               "author": [{"family": "Student", "given": "Tomas"}], "publisher": "Fixture University"},
}  # fmt: skip

META = {
    "book": [("citation_title", "A History of Northgate: The City and Its Councils"), ("citation_author", "Sample, Beatrice"),
             ("citation_author", "Second, Carl"), ("citation_publication_date", "1970"), ("citation_publisher", "Fixture Press")],
    "chapter": [("citation_title", "Councils in Invented Cities"), ("citation_author", "Example, A. N."), ("citation_publication_date", "1980"),
                ("citation_inbook_title", "Essays on Imaginary Revolutions"), ("citation_publisher", "Fixture Press"), ("citation_firstpage", "12"),
                ("citation_lastpage", "34")],
    "journal-article": [("citation_title", "Soviet Power in Northgate"), ("citation_author", "Writer, Joan"), ("citation_publication_date", "1977/11"),
                        ("citation_journal_title", "Journal of Invented History"), ("citation_volume", "4"), ("citation_issue", "2"),
                        ("citation_firstpage", "7"), ("citation_lastpage", "13"), ("citation_public_url", "https://example.org/jih/4/2/writer")],
    "magazine-article": [("citation_title", "The Councils Return"), ("citation_author", "Reporter, Maud"), ("citation_publication_date", "1955/10/14"),
                         ("citation_journal_title", "Example Weekly"), ("citation_issue", "12"), ("citation_firstpage", "22"), ("citation_lastpage", "24")],
    "newspaper-article": [("citation_title", "Soviet Meets in Corn Exchange"), ("citation_author", "Correspondent, Ned"),
                          ("citation_publication_date", "1905/12/02"), ("citation_journal_title", "Northgate Gazette")],
    "official-document": [("citation_title", "Report of the Committee on the Disturbances of 1905 & 1906"), ("citation_author", "Northgate City Council"),
                          ("citation_publication_date", "1906"), ("citation_technical_report_institution", "Northgate City Council"),
                          ("citation_public_url", "https://example.org/archive/report-1906")],
    "web-page": [("citation_title", "The Corn Exchange Today"), ("citation_author", "Keeper, Wilma"), ("citation_publication_date", "2019/06/05"),
                 ("citation_publisher", "Northgate Heritage Trust"), ("citation_public_url", "https://example.org/heritage/corn-exchange")],
    "encyclopedia-entry": [("citation_title", "Northgate Soviet"), ("citation_author", "Scholar, Esther"), ("citation_publication_date", "2001"),
                           ("citation_inbook_title", "Encyclopedia of Invented Places"), ("citation_publisher", "Fixture Press"),
                           ("citation_firstpage", "101"), ("citation_lastpage", "102")],
    "thesis": [("citation_title", "Councils and Committees in Northgate, 1905–1906"), ("citation_author", "Student, Tomas"),
               ("citation_publication_date", "1999"), ("citation_dissertation_institution", "Fixture University")],
}  # fmt: skip


def test_one_work_of_every_kind() -> None:
    assert [WORKS[k]["kind"] for k in WORKS] == list(KINDS)
    for table in (CHICAGO, MLA, BIBTEX, RIS, CSL, META):
        assert list(table) == list(KINDS)


@pytest.mark.parametrize("kind", list(KINDS))
def test_chicago(kind: str) -> None:
    assert str(citations.chicago(work(kind))) == CHICAGO[kind]


@pytest.mark.parametrize("kind", list(KINDS))
def test_mla(kind: str) -> None:
    assert str(citations.mla(work(kind))) == MLA[kind]


@pytest.mark.parametrize("kind", list(KINDS))
def test_bibtex(kind: str) -> None:
    entry = cite_formats.bibtex(work(kind))
    assert entry == BIBTEX[kind]
    assert entry.count("{") == entry.count("}") + entry.count("\\{") - entry.count("\\}")


@pytest.mark.parametrize("kind", list(KINDS))
def test_ris(kind: str) -> None:
    record = cite_formats.ris(work(kind))
    assert record.splitlines() == [*RIS[kind], "ER  -"]
    assert record.endswith("\n")


@pytest.mark.parametrize("kind", list(KINDS))
def test_csl_json(kind: str) -> None:
    item = cite_formats.csl_json(work(kind))
    assert item == {"id": kind, **CSL[kind]}
    json.dumps(item)  # plain JSON


@pytest.mark.parametrize("kind", list(KINDS))
def test_meta_tags(kind: str) -> None:
    tags = cite_formats.meta_tags(work(kind), PAGE)
    highwire = [t for t in tags if t[0].startswith("citation_") and t[0] not in ("citation_fulltext_html_url", "citation_language")]
    assert highwire == META[kind]
    assert ("citation_fulltext_html_url", PAGE) in tags and ("DC.type", "Text") in tags
    assert all(value for _, value in tags), "no empty tag"
    if WORKS[kind].get("publisher"):
        assert ("DC.publisher", WORKS[kind]["publisher"]) in tags
    else:
        assert not any(name == "DC.publisher" for name, _ in tags)


# --- variations the rules single out ---------------------------------------------------------------


def test_an_unsigned_newspaper_article_begins_with_its_title() -> None:
    unsigned = work("newspaper-article", authors=[])
    assert str(citations.chicago(unsigned)) == "\u201cSoviet Meets in Corn Exchange.\u201d <i>Northgate Gazette</i>, December 2, 1905."
    assert str(citations.mla(unsigned)) == "\u201cSoviet Meets in Corn Exchange.\u201d <i>Northgate Gazette</i>, 2 Dec. 1905."
    assert "author" not in cite_formats.bibtex(unsigned) and "author" not in cite_formats.csl_json(unsigned)


def test_an_edited_book_without_authors() -> None:
    edited = work("book", authors=[], editors=[{"family": "Editor", "given": "Clara"}])
    assert str(citations.chicago(edited)).startswith("Editor, Clara, ed. <i>A History of Northgate")
    assert str(citations.mla(edited)) == "Editor, Clara, editor. <i>A History of Northgate: The City and Its Councils</i>. 2nd ed., Fixture Press, 1970."


def test_three_authors_are_et_al_in_mla_and_all_named_in_chicago() -> None:
    three = work("journal-article", authors=[{"family": "One", "given": "A."}, {"family": "Two", "given": "B."}, {"family": "Three", "given": "C."}])
    assert str(citations.chicago(three)).startswith("One, A., B. Two, and C. Three. \u201c")
    assert str(citations.mla(three)).startswith("One, A., et al. \u201c")


def test_an_organization_that_is_not_the_publisher_stays_the_author_in_mla() -> None:
    other = work("official-document", publisher="Fixture Press")
    assert str(citations.mla(other)).startswith("Northgate City Council. <i>Report of the Committee")


def test_a_title_ending_in_a_question_mark_takes_no_full_stop() -> None:
    asked = work("book", title="What Is a Soviet?")
    assert "<i>What Is a Soviet?</i> 2nd ed." in str(citations.chicago(asked))
    quoted = work("journal-article", title="Who Ruled Northgate?")
    assert "\u201cWho Ruled Northgate?\u201d <i>Journal" in str(citations.chicago(quoted))


def test_a_web_page_whose_site_is_its_owner_names_it_once() -> None:
    own = work("web-page", publisher="Northgate Heritage")
    assert str(citations.chicago(own)) == (
        "Keeper, Wilma. \u201cThe Corn Exchange Today.\u201d Northgate Heritage. June 5, 2019. https://example.org/heritage/corn-exchange."
    )
    assert (
        str(citations.mla(own))
        == "Keeper, Wilma. \u201cThe Corn Exchange Today.\u201d <i>Northgate Heritage</i>, 5 June 2019, example.org/heritage/corn-exchange."
    )


def test_contributor_text_is_escaped_in_the_markup() -> None:
    hostile = work("book", title="<script>alert(1)</script>", publisher="A & B")
    assert "&lt;script&gt;" in str(citations.chicago(hostile)) and "<script>" not in str(citations.mla(hostile))
