#!/usr/bin/env python3
"""Deterministic synthetic content for the scale benchmark (issue 7).

    python scripts/gen_synthetic.py N OUT [--seed S] [--text sentences|zipf] [--no-site]

writes N valid records into OUT/content/ (the 12 country profiles, the 3 programs, then
experts, meetings and practices in a 4:1:1 ratio), copies the repository's taxonomies into
OUT/content/taxonomies/ and, unless --no-site, links the repository's site files (mkdocs.yml,
hooks/, overrides/, docs/) into OUT so that `mkdocs build` can run there.

Records are realistic in size and shape: full front matter, ~300-word Markdown bodies,
references between records (experts -> programs and meetings, meetings -> participants,
practices -> contacts, kept consistent in both directions) and names and text in Korean, Thai,
Vietnamese and other languages of the region. The same N and seed always give the same bytes.
Every record is made up; about 3% of experts are `example: true`, the rest carry a consent
block.

--text sentences (the default) builds prose from a few dozen template sentences per language:
cheap, readable, but every page repeats the same few hundred words. --text zipf draws every
word from a vocabulary whose frequencies follow Zipf's law (the k-th most frequent word
occurs about 1/k as often as the first), as in real prose: a few words on nearly every page, a
long tail of rare ones. Its head is real English, Korean, Thai and Vietnamese words of the
domain (so the benchmark's queries find pages), its tail made-up words, so the search index and
memory grow with the text as they would with real records. No record refers to an example
record, so the tree is valid for the publish build too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import shutil
import sys
import unicodedata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
LAST_DAY = dt.date.fromisoformat(os.environ.get("AKMN_TODAY", "").strip() or dt.date.today().isoformat())
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

COUNTRIES = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN", "KR")
COUNTRY_NAMES = {
    "BN": "Brunei Darussalam",
    "KH": "Cambodia",
    "ID": "Indonesia",
    "LA": "Lao PDR",
    "MY": "Malaysia",
    "MM": "Myanmar",
    "PH": "the Philippines",
    "SG": "Singapore",
    "TH": "Thailand",
    "TL": "Timor-Leste",
    "VN": "Viet Nam",
    "KR": "Korea",
}
CITIES = {
    "BN": ["Bandar Seri Begawan"],
    "KH": ["Phnom Penh", "Siem Reap"],
    "ID": ["Jakarta", "Yogyakarta", "Surabaya"],
    "LA": ["Vientiane", "Luang Prabang"],
    "MY": ["Kuala Lumpur", "Penang"],
    "MM": ["Yangon", "Nay Pyi Taw"],
    "PH": ["Manila", "Cebu", "Davao"],
    "SG": ["Singapore"],
    "TH": ["Bangkok", "Chiang Mai"],
    "TL": ["Dili"],
    "VN": ["Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng"],
    "KR": ["Seoul", "Busan", "Incheon", "Daejeon"],
}
LANGS = {
    "BN": ["ms", "en"],
    "KH": ["km", "en"],
    "ID": ["id", "en"],
    "LA": ["lo", "en", "th"],
    "MY": ["ms", "en", "zh"],
    "MM": ["my", "en"],
    "PH": ["fil", "en"],
    "SG": ["en", "zh", "ms", "ta"],
    "TH": ["th", "en"],
    "TL": ["tet", "pt", "en"],
    "VN": ["vi", "en"],
    "KR": ["ko", "en"],
}

# (romanised, native or None) name parts per country: given names, family names.
NAMES = {
    "KR": (
        [
            ("Min-jun", "민준"),
            ("Seo-yeon", "서연"),
            ("Ji-hoon", "지훈"),
            ("Su-bin", "수빈"),
            ("Hyun-woo", "현우"),
            ("Ji-min", "지민"),
            ("Ye-eun", "예은"),
            ("Do-yoon", "도윤"),
            ("Ha-eun", "하은"),
            ("Sung-ho", "성호"),
        ],
        [
            ("Kim", "김"),
            ("Lee", "이"),
            ("Park", "박"),
            ("Choi", "최"),
            ("Jung", "정"),
            ("Kang", "강"),
            ("Cho", "조"),
            ("Yoon", "윤"),
            ("Jang", "장"),
            ("Lim", "임"),
        ],
    ),
    "TH": (
        [
            ("Somchai", "สมชาย"),
            ("Suda", "สุดา"),
            ("Anan", "อนันต์"),
            ("Kanya", "กัญญา"),
            ("Pornthip", "พรทิพย์"),
            ("Wichai", "วิชัย"),
            ("Niran", "นิรันดร์"),
            ("Ratana", "รัตนา"),
            ("Chalerm", "เฉลิม"),
            ("Malee", "มาลี"),
        ],
        [
            ("Jaidee", "ใจดี"),
            ("Srisuk", "ศรีสุข"),
            ("Wongsawat", "วงศ์สวัสดิ์"),
            ("Chaiyaporn", "ชัยพร"),
            ("Thongdee", "ทองดี"),
            ("Saetang", "แซ่ตั้ง"),
            ("Boonmee", "บุญมี"),
            ("Rattanakorn", "รัตนากร"),
        ],
    ),
    "VN": (
        [
            ("Văn An", None),
            ("Thị Hương", None),
            ("Minh Tuấn", None),
            ("Thu Phương", None),
            ("Quốc Bảo", None),
            ("Thị Lan", None),
            ("Đức Hải", None),
            ("Ngọc Linh", None),
            ("Thanh Thảo", None),
            ("Hữu Nghĩa", None),
        ],
        [
            ("Nguyễn", None),
            ("Trần", None),
            ("Lê", None),
            ("Phạm", None),
            ("Hoàng", None),
            ("Huỳnh", None),
            ("Phan", None),
            ("Vũ", None),
            ("Đặng", None),
            ("Bùi", None),
        ],
    ),
    "PH": (
        [
            ("Maria", None),
            ("Jose", None),
            ("Ana", None),
            ("Ramon", None),
            ("Cristina", None),
            ("Paolo", None),
            ("Liza", None),
            ("Emmanuel", None),
        ],
        [
            ("Santos", None),
            ("Reyes", None),
            ("Cruz", None),
            ("Bautista", None),
            ("Garcia", None),
            ("Mendoza", None),
            ("Villanueva", None),
            ("Dela Cruz", None),
        ],
    ),
    "ID": (
        [
            ("Budi", None),
            ("Siti", None),
            ("Dewi", None),
            ("Agus", None),
            ("Rina", None),
            ("Hendra", None),
            ("Putri", None),
            ("Wahyu", None),
        ],
        [
            ("Santoso", None),
            ("Rahayu", None),
            ("Lestari", None),
            ("Pratama", None),
            ("Wulandari", None),
            ("Gunawan", None),
            ("Hidayat", None),
            ("Nugroho", None),
        ],
    ),
    "MY": (
        [
            ("Ahmad", None),
            ("Nurul Aina", None),
            ("Muhammad Faiz", None),
            ("Siti Aishah", None),
            ("Wei Jie", None),
            ("Kavitha", None),
        ],
        [
            ("Ismail", None),
            ("Hassan", None),
            ("Abdullah", None),
            ("Tan", None),
            ("Rahman", None),
            ("Subramaniam", None),
        ],
    ),
    "KH": (
        [("Dara", "ដារ៉ា"), ("Sophea", "សុភា"), ("Sovann", "សុវណ្ណ"), ("Channary", "ចន្ទនារី"), ("Vibol", "វិបុល")],
        [("Sok", "សុខ"), ("Chan", "ចាន់"), ("Kim", "គឹម"), ("Heng", "ហេង"), ("Meas", "មាស")],
    ),
    "LA": (
        [
            ("Khamla", None),
            ("Souksavanh", None),
            ("Bounmy", None),
            ("Phonesavanh", None),
            ("Viengkham", None),
        ],
        [
            ("Phommachanh", None),
            ("Sisouphanh", None),
            ("Keomany", None),
            ("Vongsa", None),
            ("Inthavong", None),
        ],
    ),
    "MM": (
        [
            ("Aung", None),
            ("Thandar", None),
            ("Zaw Min", None),
            ("Hnin", None),
            ("Kyaw", None),
            ("Su Su", None),
        ],
        [("Kyaw", None), ("Win", None), ("Htet", None), ("Oo", None), ("Naing", None), ("Aye", None)],
    ),
    "SG": (
        [("Wei Ling", None), ("Jun Jie", None), ("Priya", None), ("Hui Min", None), ("Arjun", None)],
        [("Tan", None), ("Lim", None), ("Nair", None), ("Ong", None), ("Goh", None)],
    ),
    "BN": (
        [("Noraini", None), ("Hamid", None), ("Aziz", None), ("Rosmawati", None)],
        [("Hj Ahmad", None), ("Awang Salleh", None), ("Omar", None), ("Yusof", None)],
    ),
    "TL": (
        [("João", None), ("Maria", None), ("Agostinho", None), ("Filomena", None), ("Domingos", None)],
        [("da Costa", None), ("Ximenes", None), ("Soares", None), ("Guterres", None), ("Pereira", None)],
    ),
}
FAMILY_FIRST = {"KR", "VN", "KH", "MM", "SG"}

INSTITUTIONS = {
    "academe": [
        "University of {city}",
        "{city} Institute of Migration Studies",
        "National University of {cname}",
        "Centre for Population and Development, {city}",
    ],
    "government": [
        "Ministry of Labour, {cname}",
        "Department of Overseas Employment, {cname}",
        "Office of Migration Policy, {cname}",
        "National Statistics Office, {cname}",
    ],
    "international-organization": [
        "Regional Office for Asia, {city}",
        "ASEAN Migration Programme, {city}",
        "Regional Labour Mobility Project, {city}",
    ],
    "civil-society": [
        "Migrant Workers Centre, {city}",
        "{city} Migrant Support Network",
        "Foundation for Migrant Families, {city}",
    ],
    "private-sector": [
        "{city} Recruitment Standards Council",
        "Regional Remittance Services, {city}",
        "Skills Partnership Consultancy, {city}",
    ],
}
INSTITUTIONS_NATIVE = {
    "KR": ["{city} 이주정책연구원", "한국이민학회", "{city} 다문화가족지원센터"],
    "TH": ["สถาบันวิจัยประชากรและสังคม", "มูลนิธิเพื่อแรงงานข้ามชาติ", "ศูนย์ศึกษาการย้ายถิ่น"],
    "VN": ["Viện Nghiên cứu Di cư {city}", "Trung tâm Lao động Ngoài nước", "Đại học Quốc gia {city}"],
}
POSITIONS = [
    "Professor",
    "Associate Professor",
    "Research Fellow",
    "Senior Researcher",
    "Policy Analyst",
    "Director",
    "Programme Officer",
    "Deputy Director-General",
    "Lecturer",
    "Coordinator",
]

EN_SENTENCES = [
    "{name} works on {theme} with a focus on {country} and its neighbours in the region.",
    "Over the past decade the work has combined survey research, policy analysis and close "
    "cooperation with government agencies.",
    "A recurring question is how migrants who return from Korea can use the skills they acquired abroad.",
    "The research draws on administrative data, household surveys and interviews with migrant "
    "workers and their families.",
    "Recent projects examined recruitment costs, the portability of social protection and the "
    "recognition of qualifications.",
    "Findings have been presented to ministries, regional bodies and civil society organisations "
    "across ASEAN.",
    "The analysis pays particular attention to women migrants, who often work in sectors with weak "
    "legal protection.",
    "Cooperation between countries of origin and destination is treated as a condition for any "
    "lasting improvement.",
    "Data disaggregated by migratory status remain scarce, which limits what can be said with confidence.",
    "Several studies compared bilateral labour agreements and their effect on wages, working hours "
    "and mobility.",
    "Training materials developed in these projects are used in pre-departure orientation and in "
    "return counselling.",
    "The network brings researchers and officials together so that evidence reaches the people who "
    "write policy.",
    "Diaspora associations are seen as partners that can connect students and professionals abroad "
    "with employers at home.",
    "Remittances matter for households, but the work stresses that skills and networks travel with "
    "migrants as well.",
    "Local governments increasingly run their own programmes for returnees, often with little funding.",
    "Comparisons across {country} and Korea show both shared problems and very different "
    "institutional answers.",
    "A {year} survey of {count} returnees in {city} found that {pct} percent had changed occupation "
    "within two years.",
    "Interviews in {city} and {city2} traced how brokers, employers and relatives shape decisions to "
    "leave and to return.",
    "The {year} review of the memorandum of understanding between {country} and Korea is discussed "
    "in detail.",
    "Between {year} and {year2}, the number of workers deployed through the government channel rose "
    "by {pct} percent.",
    "Fieldwork in {city} documented grievance mechanisms for seafarers, domestic workers and "
    "agricultural labourers.",
    "Curricula for consular staff were revised after pilot sessions in {city} with {count} participants.",
    "Municipal registries in {city2} were linked with labour inspection records for the first time "
    "in {year}.",
    "Longitudinal panels following graduates from Korean universities show that {pct} percent "
    "maintain professional ties.",
    "Advisory work for the parliamentary committee in {city} concerned ratification of ILO "
    "conventions 97, 143 and 189.",
    "Community radio programmes in {city2} explained contract terms, insurance and complaint "
    "channels in local languages.",
    "Microfinance cooperatives near {city} offered returnees start-up loans, mentoring and "
    "bookkeeping courses.",
    "Cross-border health insurance, pension portability and tax treaties were compared for {count} "
    "corridors.",
    "Ethnographic notes from dormitories, factories and fishing ports complement the quantitative evidence.",
    "Digital recruitment platforms, e-wallets and mobile remittance apps changed costs noticeably "
    "after {year}.",
    "Climate-related displacement in coastal provinces adds a new dimension to mobility within the region.",
    "Language training, vocational certification and credit transfer reduce the deskilling of "
    "returning nurses and engineers.",
]
NATIVE_SENTENCES = {
    "ko": [
        "이 연구는 아세안 국가와 한국 사이의 노동 이주와 귀환 이주를 다룬다.",
        "고용허가제를 통해 입국한 이주 노동자의 경력 개발이 주요 관심사이다.",
        "결혼 이민자와 다문화 가족의 사회 통합 정책을 비교 분석하였다.",
        "유학생의 졸업 후 진로와 두뇌 순환의 가능성을 조사하였다.",
        "지방자치단체와 시민사회 단체의 협력 사례를 정리하였다.",
        "이주 통계의 성별·체류자격별 분리 집계가 필요하다고 제안하였다.",
    ],
    "th": [
        "งานวิจัยนี้ศึกษาการย้ายถิ่นของแรงงานไทยไปทำงานในสาธารณรัฐเกาหลี",
        "ผู้ย้ายถิ่นที่กลับบ้านสามารถนำทักษะและเครือข่ายมาพัฒนาชุมชนได้",
        "ความร่วมมือระหว่างประเทศต้นทางและประเทศปลายทางเป็นสิ่งสำคัญ",
        "ข้อมูลที่จำแนกตามสถานะการย้ายถิ่นยังมีอยู่อย่างจำกัด",
        "การคุ้มครองทางสังคมสำหรับแรงงานข้ามชาติยังต้องได้รับการพัฒนา",
        "โครงการฝึกอบรมก่อนเดินทางช่วยลดความเสี่ยงในการจัดหางาน",
    ],
    "vi": [
        "Nghiên cứu này tập trung vào lao động Việt Nam làm việc tại Hàn Quốc theo chương trình EPS.",
        "Người lao động trở về có thể đóng góp kỹ năng và kinh nghiệm cho quê hương.",
        "Hợp tác giữa nước gửi và nước nhận lao động là điều kiện cần thiết.",
        "Số liệu phân tách theo tình trạng di cư vẫn còn rất hạn chế.",
        "Chính sách hỗ trợ tái hòa nhập cần được thiết kế cùng với chính quyền địa phương.",
        "Du học sinh tại Hàn Quốc là cầu nối quan trọng cho tuần hoàn chất xám.",
    ],
    "id": [
        "Penelitian ini membahas migrasi tenaga kerja Indonesia ke Korea dan negara ASEAN lainnya.",
        "Pekerja migran yang kembali membawa keterampilan dan jaringan baru.",
        "Perlindungan pekerja migran memerlukan kerja sama antara negara asal dan tujuan.",
    ],
    "fil": [
        "Pinag-aaralan ng pananaliksik na ito ang paglipat ng mga manggagawang Pilipino sa Korea.",
        "Ang mga bumabalik na migrante ay may dalang kasanayan at karanasan.",
        "Mahalaga ang pagtutulungan ng mga bansang pinagmulan at patutunguhan.",
    ],
    "km": ["ការសិក្សានេះផ្តោតលើពលករចំណាកស្រុកកម្ពុជានៅប្រទេសកូរ៉េ។", "ពលករដែលត្រឡប់មកវិញអាចចែករំលែកជំនាញរបស់ពួកគេ។"],
}
NATIVE_FOR = {"KR": "ko", "TH": "th", "VN": "vi", "ID": "id", "PH": "fil", "KH": "km"}
SECOND_LANGUAGE = ("ko", "th", "vi")  # every other record also carries Korean, Thai or Vietnamese text

MEETING_KINDS = [
    "Regional Workshop",
    "Expert Roundtable",
    "Policy Dialogue",
    "Technical Consultation",
    "Training Seminar",
    "Webinar",
]
PRACTICE_KINDS = [
    "Return and Reintegration Service",
    "Pre-departure Orientation Programme",
    "Skills Recognition Scheme",
    "Diaspora Knowledge Network",
    "Migrant Resource Centre",
    "Fair Recruitment Initiative",
    "Scholarship and Alumni Programme",
    "One-stop Service Centre",
]


# Zipf mode: the head of each vocabulary, most frequent first; the tail is made-up words.
ZIPF_HEAD = {
    "en": (
        "the of and to in a for on is that with by as migration migrants are from workers labour "
        "policy Korea countries return skills government at be this which employment recruitment "
        "data social development programme ASEAN protection between their agreement training "
        "research women families remittances circulation region national diaspora support "
        "integration rights"
    ).split(),
    "ko": ("이주 노동자 한국 정책 아세안 귀환 고용허가제 이민자 가족 통계 지원 협력 연구 사회 통합 "
           "교육").split(),
    "th": "การย้ายถิ่น แรงงาน เกาหลี นโยบาย อาเซียน กลับบ้าน ทักษะ ความร่วมมือ ข้อมูล ครอบครัว".split(),
    "vi": "di cư lao động Hàn Quốc chính sách ASEAN trở về kỹ năng hợp tác gia đình số liệu".split(),
}
ZIPF_SYLLABLES = {
    "en": [
        c + v
        for c in ("b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "tr", "st")
        for v in ("a", "e", "i", "o", "u", "ai", "ou")
    ],
    "ko": [
        chr(0xAC00 + 588 * c + 28 * v + t)
        for c in range(0, 19, 2)
        for v in range(0, 21, 3)
        for t in (0, 4, 8)
    ],
    "th": [c + v for c in "กขคงจชดตนบปพมยรลวสห" for v in ("า", "ี", "ู", "ำ", "ิ", "ั")],
    "vi": [
        c + v
        for c in ("b", "c", "d", "đ", "g", "h", "l", "m", "n", "ph", "qu", "t", "th", "tr", "v", "x")
        for v in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "ai", "ao", "iê", "uô")
    ],
}
ZIPF_SIZE = {"en": 60_000, "ko": 20_000, "th": 15_000, "vi": 15_000}
ZIPF_EXPONENT = 1.07  # fitted to English prose in the literature (Zipf's s, about 1)


class ZipfText:
    """Words drawn with frequency proportional to 1 / rank**s from a fixed vocabulary."""

    def __init__(self, lang: str, rng: random.Random):
        words = list(ZIPF_HEAD[lang])
        seen, syllables = set(words), ZIPF_SYLLABLES[lang]
        joiner = " " if lang == "vi" else ""  # Vietnamese writes one syllable per word part
        while len(words) < ZIPF_SIZE[lang]:
            word = joiner.join(
                rng.choice(syllables)
                for _ in range(rng.choice((1, 2, 2, 3, 3, 4)) if lang != "vi" else rng.choice((1, 2)))
            )
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        self.weights = list(
            itertools.accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, len(words) + 1))
        )

    def sentence(self, rng: random.Random, length: int) -> str:
        picked = rng.choices(self.words, cum_weights=self.weights, k=length)
        text = " ".join(picked)
        return text[:1].upper() + text[1:] + "."


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    out, dash = [], False
    for ch in text:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


class Generator:
    def __init__(self, n: int, seed: int, taxonomies: Path, text: str = "sentences"):
        self.rng = random.Random(seed)
        self.n = n
        vocabulary = random.Random(seed)  # the same vocabulary for every N
        self.zipf = {lang: ZipfText(lang, vocabulary) for lang in ZIPF_HEAD} if text == "zipf" else None
        self.tax = {
            p.stem: [e["id"] for e in yaml.safe_load(p.read_text(encoding="utf-8"))]
            for p in sorted(taxonomies.glob("*.yml"))
        }
        self.labels = {
            e["id"]: e["label"]
            for e in yaml.safe_load((taxonomies / "themes.yml").read_text(encoding="utf-8"))
        }

    # --- small helpers ------------------------------------------------------------------
    def pick(self, seq, k=None, lo=1, hi=3):
        if k is None:
            k = self.rng.randint(lo, hi)
        return self.rng.sample(list(seq), min(k, len(seq)))

    def date(self, start=2012, end=2026) -> dt.date:
        """A day of those years, but never after today ($AKMN_TODAY, as akmn reads it): the
        validator refuses a consent, review or access date in the future."""
        day = dt.date(self.rng.randint(start, end), self.rng.randint(1, 12), self.rng.randint(1, 28))
        return min(day, LAST_DAY)

    def paragraph(self, words: int, **slots) -> str:
        if self.zipf:
            return self.zipf_text("en", words)
        out, count = [], 0
        country = next((c for c, name in COUNTRY_NAMES.items() if name == slots.get("country")), "KR")
        for template in self.rng.sample(EN_SENTENCES, len(EN_SENTENCES)):
            if count >= words:
                break
            year = self.rng.randint(1998, 2024)
            sentence = template.format(
                year=year,
                year2=year + self.rng.randint(1, 8),
                count=f"{self.rng.randint(40, 4000):,}",
                pct=self.rng.randint(3, 87),
                city=self.rng.choice(CITIES[country]),
                city2=self.rng.choice(CITIES[self.rng.choice(COUNTRIES)]),
                **slots,
            )
            out.append(sentence)
            count += len(sentence.split())
        return " ".join(out)

    def distinct(self, k: int, words: int, **slots) -> list[str]:
        """k different paragraphs: lists of text may not repeat an item."""
        out: list[str] = []
        while len(out) < k:
            text = self.paragraph(words, **slots)
            if text not in out:
                out.append(text)
        return out

    def zipf_text(self, lang: str, words: int) -> str:
        out, count = [], 0
        while count < words:
            length = self.rng.randint(8, 22)
            out.append(self.zipf[lang].sentence(self.rng, length))
            count += length
        return " ".join(out)

    def native(self, lang: str, sentences: int = 3) -> str:
        if self.zipf and lang in self.zipf:
            return self.zipf_text(lang, 12 * sentences)
        pool = NATIVE_SENTENCES[lang]
        return " ".join(self.rng.choice(pool) for _ in range(sentences))

    def body(
        self, heading_a: str, heading_b: str, country: str, theme: str, name: str, extra_lang: str
    ) -> str:
        slots = dict(name=name, theme=theme.lower(), country=COUNTRY_NAMES[country])
        bullets = "\n".join(f"- {self.paragraph(12, **slots).split('.')[0]}." for _ in range(3))
        native_lang = NATIVE_FOR.get(country)
        parts = [
            self.paragraph(70, **slots),
            f"## {heading_a}",
            self.paragraph(70, **slots),
            bullets,
            f"## {heading_b}",
            self.paragraph(60, **slots) + " **" + theme + "** remains central.",
        ]
        if native_lang:
            parts.append(self.native(native_lang, 4))
        parts.append(self.native(extra_lang, 3))
        return "\n\n".join(parts) + "\n"

    # --- the kinds -------------------------------------------------------------------------
    def person(self, country: str) -> tuple[str, str]:
        """(display name, romanised name for the id)."""
        given, family = NAMES[country]
        (g, g_native), (f, f_native) = self.rng.choice(given), self.rng.choice(family)
        roman = f"{f} {g}" if country in FAMILY_FIRST else f"{g} {f}"
        if g_native and f_native:
            native = (
                f"{f_native}{g_native}"
                if country == "KR"
                else (f"{f_native} {g_native}" if country in FAMILY_FIRST else f"{g_native} {f_native}")
            )
            return f"{roman} ({native})", roman
        return roman, roman

    def plan(self):
        rest = self.n - len(COUNTRIES) - 3
        if rest < 6:
            raise SystemExit(f"N must be at least {len(COUNTRIES) + 3 + 6}")
        meetings = max(1, rest // 6)
        practices = max(1, rest // 6)
        experts = rest - meetings - practices
        return experts, meetings, practices

    def generate(self) -> dict[str, dict[str, tuple[dict, str]]]:
        n_experts, n_meetings, n_practices = self.plan()
        records: dict[str, dict[str, tuple[dict, str]]] = {
            k: {} for k in ("countries", "programs", "experts", "meetings", "practices")
        }
        width = len(str(self.n))
        # experts first (without meetings), then meetings choose participants, then back-fill
        experts = []
        for i in range(n_experts):
            country = self.rng.choice(COUNTRIES)
            name, roman = self.person(country)
            eid = f"{slug(roman)}-{i:0{width}d}"
            experts.append((eid, country, name))
        real = [e for i, e in enumerate(experts) if i % 33 != 7]  # ~3% are example records
        example_ids = {e[0] for i, e in enumerate(experts) if i % 33 == 7}
        expert_meetings: dict[str, list[str]] = {e[0]: [] for e in experts}

        for i in range(n_meetings):
            mid = f"meeting-{i + 1:0{width}d}"
            country = self.rng.choice(COUNTRIES)
            city = self.rng.choice(CITIES[country])
            themes = self.pick(self.tax["themes"], lo=1, hi=3)
            held = self.rng.random() < 0.85
            participants = [e[0] for e in self.pick(real, lo=3, hi=12)]
            for p in participants:
                if len(expert_meetings[p]) < 6:
                    expert_meetings[p].append(mid)
            data = {
                "title": f"{self.rng.choice(MEETING_KINDS)} on {self.labels[themes[0]]}, {city} ({i + 1})",
                "program": self.rng.choice(["program-1", "program-2", "program-3"]),
                "status": "held" if held else "planned",
            }
            if held or self.rng.random() < 0.5:
                data["date"] = self.date(2015, 2026)
            data["location"] = {"city": city, "country": country}
            data["theme"] = f"{self.labels[themes[0]]} between {COUNTRY_NAMES[country]} and Korea"
            data["objectives"] = self.distinct(
                len(themes),
                18,
                name="The meeting",
                theme=self.labels[themes[0]],
                country=COUNTRY_NAMES[country],
            )
            data["participants"] = participants
            if held:
                data["outcomes"] = self.distinct(
                    2, 20, name="Participants", theme=self.labels[themes[0]], country=COUNTRY_NAMES[country]
                )
                data["recommendations"] = [
                    {
                        "text": self.paragraph(
                            20, name="Governments", theme=self.labels[t], country=COUNTRY_NAMES[country]
                        ),
                        "themes": [t],
                        "sdg_targets": self.pick(self.tax["sdg-targets"], lo=1, hi=2),
                        "countries": sorted(set(self.pick(COUNTRIES, lo=1, hi=3)) | {country}),
                    }
                    for t in themes[:2]
                ]
                data["documents"] = [
                    {"title": "Meeting report", "url": f"https://example.org/meetings/{mid}/report.pdf"}
                ]
            lang = SECOND_LANGUAGE[i % 3]
            body = self.body("Discussion", "Follow-up", country, self.labels[themes[0]], "The meeting", lang)
            records["meetings"][mid] = (data, body)

        seen: dict[tuple[str, str], int] = {}
        for i, (eid, country, name) in enumerate(experts):
            org_type = self.rng.choice(self.tax["organisation-types"])
            city = self.rng.choice(CITIES[country])
            affiliation = self.rng.choice(INSTITUTIONS[org_type]).format(
                city=city, cname=COUNTRY_NAMES[country]
            )
            if country in INSTITUTIONS_NATIVE and self.rng.random() < 0.5:
                affiliation = self.rng.choice(INSTITUTIONS_NATIVE[country]).format(city=city)
            # The validator reads a name at an affiliation twice as one expert twice.
            namesakes = seen.setdefault((name, affiliation), 0)
            seen[(name, affiliation)] += 1
            if namesakes:
                affiliation = f"{affiliation}, unit {namesakes + 1}"
            expertise = self.pick(self.tax["themes"], lo=1, hi=4)
            data = {
                "name": name,
                "affiliation": affiliation,
                "position": self.rng.choice(POSITIONS),
                "organisation_type": org_type,
                "country": country,
                "nationality": country if self.rng.random() < 0.9 else self.rng.choice(COUNTRIES),
                "expertise": expertise,
                "languages": self.pick(LANGS[country], lo=1, hi=2)
                + ([] if country == "KR" else ["ko"] * (self.rng.random() < 0.3)),
                "programs": sorted(self.pick(["program-1", "program-2", "program-3"], lo=1, hi=2)),
            }
            if eid in example_ids:
                data["meetings"] = []
            else:
                data["meetings"] = expert_meetings[eid]
            if not data["meetings"]:
                del data["meetings"]
            data["links"] = [{"title": "Institutional profile", "url": f"https://example.org/people/{eid}"}]
            if self.rng.random() < 0.6:
                data["email"] = f"{eid}@example.org"
                data["email_public"] = self.rng.random() < 0.5
            if eid in example_ids:
                data["example"] = True
            else:
                data["consent"] = {"public_profile": True, "date": self.date(2020, 2026)}
            lang = SECOND_LANGUAGE[i % 3]
            body = self.body("Research", "Selected work", country, self.labels[expertise[0]], name, lang)
            records["experts"][eid] = (data, body)

        for i in range(n_practices):
            countries = sorted(self.pick(COUNTRIES, lo=1, hi=3))
            themes = self.pick(self.tax["themes"], lo=1, hi=3)
            start = self.rng.randint(1990, 2022)
            status = self.rng.choice(["active", "ended", "pilot"])
            kind = self.rng.choice(PRACTICE_KINDS)
            pid = f"{slug(kind)}-{slug(COUNTRY_NAMES[countries[0]])}-{i + 1:0{width}d}"
            data = {
                "title": f"{kind} ({COUNTRY_NAMES[countries[0]]}, {i + 1})",
                "countries": countries,
                "implementers": [f"Ministry of Labour, {COUNTRY_NAMES[c]}" for c in countries[:2]],
                "themes": themes,
                "sdg_targets": self.pick(self.tax["sdg-targets"], lo=1, hi=2),
                "migration_types": self.pick(self.tax["migration-types"], lo=1, hi=2),
                "program": self.rng.choice(["program-1", "program-2", "program-3"]),
                "period": {"start": start}
                if status != "ended"
                else {"start": start, "end": self.rng.randint(start, 2025)},
                "status": status,
                "outcomes": self.distinct(
                    2,
                    20,
                    name="The programme",
                    theme=self.labels[themes[0]],
                    country=COUNTRY_NAMES[countries[0]],
                ),
                "transferability": self.paragraph(
                    30, name="The model", theme=self.labels[themes[0]], country=COUNTRY_NAMES[countries[0]]
                ),
                "contacts": [e[0] for e in self.pick(real, lo=1, hi=3)],
                "sources": [
                    {
                        "title": f"Programme description {i + 1}",
                        "url": f"https://example.org/practices/{pid}",
                        "accessed": self.date(2024, 2026),
                    }
                ],
            }
            lang = SECOND_LANGUAGE[i % 3]
            body = self.body(
                "How it works", "Results", countries[0], self.labels[themes[0]], "The programme", lang
            )
            records["practices"][pid] = (data, body)

        for number, title in (
            (1, "International Experts Meetings"),
            (2, "Education and Training Workshop for Government Officials"),
            (3, "Pilot Program for Implementing Brain Circulation"),
        ):
            data = {
                "title": title,
                "number": number,
                "aim": self.paragraph(
                    25, name="The program", theme="migration and development", country="Korea"
                ),
                "status": ["completed", "active", "planned"][number - 1],
            }
            body = self.body(
                "Activities",
                "Partners",
                "KR",
                "Migration and development",
                title,
                SECOND_LANGUAGE[number - 1],
            )
            records["programs"][f"program-{number}"] = (data, body)

        for code in COUNTRIES:
            themes = self.tax["themes"]
            data = {
                "country": code,
                "last_reviewed": self.date(2025, 2026),
                "migration_types": {
                    t: self.paragraph(20, name=COUNTRY_NAMES[code], theme=t, country=COUNTRY_NAMES[code])
                    for t in self.pick(self.tax["migration-types"], lo=2, hi=4)
                },
                "institutions": [
                    {
                        "name": f"Ministry of Labour, {COUNTRY_NAMES[code]}",
                        "role": "Labour migration policy",
                        "url": f"https://example.org/{code.lower()}/labour",
                    },
                    {"name": f"Immigration Department, {COUNTRY_NAMES[code]}", "role": "Entry and stay"},
                ],
                "policies": [
                    {
                        "title": f"Overseas Employment Act {year}",
                        "year": year,
                        "kind": self.rng.choice(
                            ["law", "regulation", "policy", "plan", "program", "agreement"]
                        ),
                        "themes": self.pick(themes, lo=1, hi=2),
                        "sdg_targets": self.pick(self.tax["sdg-targets"], lo=1, hi=2),
                        "url": f"https://example.org/{code.lower()}/policy-{year}",
                        "summary": self.paragraph(
                            25, name="The act", theme="labour migration", country=COUNTRY_NAMES[code]
                        ),
                    }
                    for year in sorted(self.rng.sample(range(1995, 2025), 3))
                ],
                "sdg_10_7_2": {
                    "source": "UN DESA and IOM, SDG indicator 10.7.2",
                    "year": 2023,
                    "domains": {
                        d: self.rng.choice(
                            [
                                "fully-meets",
                                "meets",
                                "partially-meets",
                                "requires-further-progress",
                                "no-data",
                            ]
                        )
                        for d in (
                            "migrant-rights",
                            "whole-of-government",
                            "cooperation-partnerships",
                            "socioeconomic-wellbeing",
                            "mobility-crises",
                            "safe-orderly-regular",
                        )
                    },
                },
                "data_disaggregation": {
                    "status": "partially-disaggregated",
                    "note": "Synthetic note.",
                    "source": "National statistics office",
                },
                "figures": [
                    {
                        "indicator": "International migrant stock",
                        "value": self.rng.randint(10_000, 3_000_000),
                        "unit": "persons",
                        "year": 2024,
                        "source": "UN DESA, International Migrant Stock 2024",
                        "source_url": "https://www.un.org/development/desa/pd/",
                    },
                    {
                        "indicator": "Personal remittances received",
                        "value": round(self.rng.uniform(0.1, 9.5), 2),
                        "unit": "% of GDP",
                        "year": 2023,
                        "source": "World Bank",
                    },
                ],
                "sources": [
                    {
                        "title": "Synthetic source",
                        "url": "https://example.org/source",
                        "accessed": self.date(2025, 2026),
                    }
                ],
            }
            lang = SECOND_LANGUAGE[COUNTRIES.index(code) % 3]
            body = self.body(
                "Policy framework",
                "Cooperation with Korea",
                code,
                "Migration governance",
                COUNTRY_NAMES[code],
                lang,
            )
            records["countries"][code.lower()] = (data, body)
        return records


def dump(data: dict) -> str:
    return yaml.dump(
        data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )


SITE_DIRS = ("hooks", "overrides", "docs")


def link_site(out: Path) -> None:
    """Make OUT a project the repository's site build can run in. The hooks find content/ next
    to the config file, so mkdocs.yml is copied (refreshed on every run) and the folders it
    names relatively (hooks/, overrides/, docs/) are linked to the repository's."""
    config = REPO / "mkdocs.yml"
    if config.exists():
        target = out / "mkdocs.yml"
        if target.is_symlink():
            target.unlink()
        shutil.copyfile(config, target)
    for name in SITE_DIRS:
        source, target = REPO / name, out / name
        if source.exists() and not (target.exists() or target.is_symlink()):
            target.symlink_to(source, target_is_directory=True)


def write(n: int, out: Path, seed: int = 7, site: bool = True, text: str = "sentences") -> dict[str, int]:
    out = Path(out)
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    shutil.copytree(REPO / "content" / "taxonomies", content / "taxonomies")
    records = Generator(n, seed, content / "taxonomies", text).generate()
    counts = {}
    for folder, items in records.items():
        (content / folder).mkdir()
        for rid, (data, body) in items.items():
            (content / folder / f"{rid}.md").write_text(f"---\n{dump(data)}---\n{body}", encoding="utf-8")
        counts[folder] = len(items)
    if site:
        link_site(out)
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of records (at least 21)")
    parser.add_argument("out", type=Path, help="project folder to write OUT/content into")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--text",
        choices=("sentences", "zipf"),
        default="sentences",
        help="template sentences, or words from a Zipf-distributed vocabulary",
    )
    parser.add_argument(
        "--no-site", action="store_true", help="do not link mkdocs.yml, hooks/, overrides/, docs/"
    )
    args = parser.parse_args(argv)
    counts = write(args.n, args.out, args.seed, site=not args.no_site, text=args.text)
    print(
        f"{sum(counts.values())} records in {args.out / 'content'}: "
        + ", ".join(f"{v} {k}" for k, v in counts.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
