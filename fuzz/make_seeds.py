#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpus (fuzz/seeds/<target>/) from the fictional test
fixtures and a few hand-made inputs. Run from anywhere; rerun after adding a layout."""
import io
import pathlib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent
FIX = ROOT.parent / "crates/lists/tests/fixtures"
SEP = b"\n--8<--\n"


def write(target, name, data):
    d = ROOT / "seeds" / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def layout(target, key, *files):
    data = key.encode() + b"\n" + SEP.join((FIX / f).read_bytes() for f in files)
    write(target, key.replace("/", "_"), data)


layout("list_xml", "un/consolidated.xml", "un/consolidated.xml")
layout("list_xml", "eu/eu_fsf.xml", "eu/eu_fsf.xml")
layout("list_xml", "ofac_sdn/sdn.xml", "ofac/sdn.xml")
layout("list_xml", "ofac_sdn/sdn_advanced.xml", "ofac/sdn_advanced.xml")
layout("list_xml", "ca/sema-lmes.xml", "ca/sema-lmes.xml")
layout("list_xml", "uk/UK-Sanctions-List.xml", "uk/UK-Sanctions-List.xml")
layout("list_csv", "ofac_sdn/sdn.csv", "ofac/sdn.csv", "ofac/add.csv", "ofac/alt.csv", "ofac/sdn_comments.csv")
layout("list_csv", "uk/UK-Sanctions-List.csv", "uk/UK-Sanctions-List.csv")
layout("list_csv", "uk_ofsi/ConList.csv", "uk_ofsi/ConList.csv")
layout("list_csv", "us_dpl/dpl.txt", "us_dpl/dpl.txt")
layout("list_csv", "us_csl/consolidated.csv", "us_csl/consolidated.csv")
layout("list_csv", "fuzzed/entities.ftm.json", "ftm/entities.ftm.json")
layout("list_xlsx", "uk_ofsi/ConList.xlsx", "uk_ofsi/ConList.xlsx")
layout("list_xlsx", "au/regulation8_consolidated.xlsx", "au/regulation8_consolidated.xlsx")
layout("list_xlsx", "us_csl/consolidated.csv.gz", "us_csl/consolidated.csv.gz")

SUBJECTS = {
    "plain.csv": b"id,full_name,date_of_birth,nationality\nc-1,Anna Fictive,1970-01-02,nl\nc-2,\"Bram, Fictive\",,be\n",
    "unclosed_quote.csv": b"full_name,country\nCor Fictive,nl\n\"Acme Trading Ltd,\nDora Fictive,de\n",
    "multi_line.csv": b"full_name,address\r\n\r\n\"Eva \"\"E\"\" Fictive\",\"1 Lane\r\nFictown\"\r\nFrits,x",
    "split_names.csv": b"first_name,middle_name,last_name,gender,schema\nGus,,Fictive,m,Person\n,,Hal Fictive Ltd,,Company\n",
    "entities.jsonl": b'{"id":"a","schema":"Person","properties":{"name":["Ida Fictive"],"birthDate":["1961"]}}\n\n{"id":"b","schema":"Company"\nnot json\n',
}
for name, data in SUBJECTS.items():
    write("subjects", name, data)


def docx(paragraphs):
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", xml)
    return out.getvalue()


write("scan", "text", b"\x00Payments went to Larkspur Maritime Holdings and to Ivor Q. Blackwater.\n")
write("scan", "html", b"\x01<html><body><p>Led by <b>Ivor&nbsp;Blackwater</b></p><script>x</script>ACME&amp;Co</body></html>")
write("scan", "docx", b"\x02" + docx(["Memo", "Abu Bakr al-Fictivi met ACME.", "Tab\tend"]))

write("query", "person", "Ivor Quentin Blackwater\0\0\0\0" "1961-04-03\0Fictown\0nl\0nl\0m\0P123\0Person".encode())
write("query", "split", "\0Ivor\0Q.\0Blackwater\0" "3 April 1961\0\0Netherlands\0\0male".encode())
write("query", "organisation", "Larkspur Maritime Holdings Ltd.\0\0\0\0\0\0gb\0\0\0\0Company".encode())
write("query", "scripts", "Абу Бакр аль-Фиктиви\0\0\0\0" "1971~\0\0iq".encode())

write("ownership", "plain.csv", b"owner,owned,share,control\nIvor Fictive,Larkspur Holdings,30,\nDora Fictive,Larkspur Holdings,25%,joint\nLarkspur Holdings,Larkspur Shipping,80,yes\nLarkspur Shipping,Larkspur Holdings,10,\n")
write("ownership", "bad_rows.csv", b"owned,owner,share\nX,A,-3\nX,B,ten\nY,C,70\nY,D,40\nZ,E,1,extra\nZ,,5\n\n\"unclosed,F,2\n")
write("ownership", "bad_header.csv", b"owner,owned,share,colour\nA,B,1,red\n")
write("identifier", "imo", b"IMO 7406784")
write("identifier", "bic", b"BNCU CU HH XXX")
write("identifier", "lei", b"LEI 5067 00GE 1G29 325Q X363")
write("identifier", "wallet", b" 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")
write("identifier", "hex_wallet", b"0xAbC0000000000000000000000000000000000001")
write("identifier", "passport", b"a-0012 345.6 (Fictland)")
