"""Synthetic source files: a large, realistic graph in the project's own ontology.

`python benchmarks/synth.py` (benchmarks and scale tests) makes news articles that were
never written, as `SourceFile` models, exactly what an article extractor would produce: one
model per article, every record quoting the (synthetic) sentences that state it. The
articles describe one consistent, made-up world, drawn from a seed:

- all 514 kabupaten/kota of the gazetteer; 350 of them join the programme in cohorts
  (2017-2025), sign its memorandum of understanding at the year's opening, have their
  masterplan evaluated, set up a smart-city council by an SK Bupati / SK Wali Kota, and are
  evaluated in two stages (tahap I, tahap II) every following year, one session per region;
- innovations whose kinds recur across regions (`KINDS`: command centres, One Data portals,
  waste banks, public Wi-Fi ...), named and spelled as articles do, each in one dimension;
- the people who hold the posts (Bupati or Wali Kota and their deputies, Pj Bupati between
  elections, Sekda, heads of the Dinas Kominfo and the Bappeda), the programme's evaluators
  and experts, awards per dimension, venues and tourist sites.

The real articles in graph/sources stay authoritative: whatever they declare (people, posts,
events, innovations, cohorts ...) synthetic articles only mention, so the synthetic dataset is
a consistent superset of the real one. Synthetic article ids start with `synth-`.

Generation is deterministic for a seed: every choice comes from a `random.Random` seeded with
the seed and the name of what is being chosen, never from the global generator, and the
article stream does not depend on how many articles are taken from it.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from rdflib import Graph, URIRef
from rdflib.term import Node

from kotacerdas.graph.build import Assembled, BuildError, assemble
from kotacerdas.graph.dumps import DUMP_FORMATS, publish
from kotacerdas.graph.gazetteer import Area, read_areas
from kotacerdas.graph.iris import Iris, slugify
from kotacerdas.graph.mapping import Mapped, map_source
from kotacerdas.graph.namespaces import KC, PROV, RDF
from kotacerdas.graph.sources import SECTIONS, LoadedSource, SourceFile, normalise_space
from kotacerdas.graph.suggest import CATEGORIES_PATH, Suggester, load_categories
from kotacerdas.graph.supertypes import superclass_closure, supertype_triples
from kotacerdas.graph.validation import load_shapes, validate
from kotacerdas.server.cli import base_option, iris_from_option

ARTICLE_PREFIX = "synth-"
PROGRAMME = "kota-cerdas"
FIRST_YEAR, LAST_YEAR = 2017, 2025
# Regions joining the programme each year (2020: none, the pandemic year).
COHORTS = {2017: 25, 2018: 50, 2019: 25, 2021: 50, 2022: 50, 2023: 50, 2024: 50, 2025: 50}
STAGES = ("tahap-i", "tahap-ii")

# ---------------------------------------------------------------------------- innovation kinds


@dataclass(frozen=True)
class Kind:
    """A kind of innovation that many regions have, under their own names."""

    key: str
    names: tuple[str, ...]  # label patterns; {name} region, {head} Bupati/Wali Kota, {site}
    label_en: str
    dimension: str
    agency: str  # key of AGENCIES: the local agency that runs it
    description: str  # what it is, in Indonesian, lower case, no final stop
    weight: int = 2  # how common the kind is
    match: tuple[str, ...] = ()  # slug fragments of real innovations of this kind

    def name(self, pattern: str) -> tuple[str, str | None]:
        """A name pattern is 'Label' or 'ACRONYM|Long Form'."""
        label, _, expansion = pattern.partition("|")
        return label, expansion or None


KINDS: tuple[Kind, ...] = (
    # smart governance
    Kind("command-center", ("{name} Command Center", "Command Center {name}",
                            "Smart Command Center", "{name} Smart Center"),
         "Command centre", "smart-governance", "dinas-kominfo",
         "pusat kendali yang memantau layanan publik dan kamera pengawas secara waktu nyata",
         30, ("command-center",)),
    Kind("satu-data", ("Satu Data {name}", "Portal Satu Data", "Integrasi Satu Data"),
         "One Data portal", "smart-governance", "dinas-kominfo",
         "portal data terpadu yang menghimpun data sektoral seluruh perangkat daerah",
         25, ("satu-data",)),
    Kind("mal-pelayanan-publik", ("Mal Pelayanan Publik {name}", "Mal Pelayanan Publik"),
         "Public service mall", "smart-governance", "dpmptsp",
         "tempat pelayanan perizinan dan administrasi berbagai instansi dalam satu gedung", 14),
    Kind("pengaduan", ("Lapor {head}", "Layanan Aspirasi dan Pengaduan Online",
                       "SIPADU|Sistem Informasi Pengaduan Terpadu"),
         "Public complaints service", "smart-governance", "dinas-kominfo",
         "kanal pengaduan masyarakat yang ditindaklanjuti oleh perangkat daerah terkait", 8),
    Kind("e-budgeting", ("e-Budgeting", "e-Planning dan e-Budgeting"),
         "Electronic budgeting", "smart-governance", "bappeda",
         "perencanaan dan penganggaran daerah secara elektronik yang transparan", 5),
    Kind("e-kinerja", ("e-Kinerja", "e-Kinerja ASN"),
         "Electronic performance reports", "smart-governance", "bkpsdm",
         "penilaian kinerja aparatur sipil negara secara daring", 4),
    Kind("tanda-tangan-elektronik", ("Tanda Tangan Elektronik", "e-Office"),
         "Electronic signatures and paperless office", "smart-governance", "dinas-kominfo",
         "persuratan dan tanda tangan elektronik bagi seluruh perangkat daerah", 4),
    Kind("ppid-online", ("PPID Online", "e-PPID"),
         "Online public information service", "smart-governance", "dinas-kominfo",
         "layanan permohonan informasi publik secara daring", 3),
    Kind("adminduk-online", ("Dukcapil Online", "Layanan Adminduk Online"),
         "Online civil registration", "smart-governance", "disdukcapil",
         "pengurusan dokumen kependudukan tanpa harus datang ke kantor", 6),
    # smart branding
    Kind("destinasi-wisata", ("Destinasi Wisata {site}", "Desa Wisata {site}",
                              "Pengembangan Destinasi Wisata {site}"),
         "Tourist destination development", "smart-branding", "dinas-pariwisata",
         "penataan kawasan wisata dengan fasilitas digital dan promosi daring", 14),
    Kind("festival", ("Festival {name}", "{name} Fair", "Festival Budaya {name}"),
         "Regional cultural festival", "smart-branding", "dinas-pariwisata",
         "agenda tahunan untuk mempromosikan budaya dan produk lokal", 5),
    Kind("calendar-of-events", ("Calendar of Events {name}", "Kalender Event {name}"),
         "Calendar of events", "smart-branding", "dinas-pariwisata",
         "kalender acara pariwisata yang dipublikasikan secara daring", 4),
    Kind("virtual-tour", ("Virtual Tour {name}", "Wisata Virtual {name}"),
         "Virtual tour", "smart-branding", "dinas-pariwisata",
         "tur virtual objek wisata daerah melalui situs dan media sosial", 2),
    Kind("city-branding", ("Wonderful {name}", "{name} Juara", "{name} Berseri"),
         "City branding", "smart-branding", "dinas-pariwisata",
         "identitas merek daerah yang dipakai dalam seluruh promosi", 3),
    Kind("galeri-produk", ("Galeri Produk Unggulan {name}", "Rumah Kreatif {name}"),
         "Local products gallery", "smart-branding", "dinas-koperasi-umkm",
         "etalase produk unggulan pelaku usaha lokal", 3),
    # smart economy
    Kind("bursa-kerja", ("Bursa Kerja", "Portal Bursa Kerja", "Bursa Kerja Online {name}"),
         "Job exchange", "smart-economy", "dinas-tenaga-kerja",
         "wadah informasi lowongan kerja bagi pencari kerja", 12, ("bursa-kerja",)),
    Kind("e-sptpd", ("e-SPTPD|Surat Pemberitahuan Pajak Daerah elektronik",),
         "Electronic local tax return", "smart-economy", "bapenda",
         "pelaporan pajak daerah secara elektronik oleh wajib pajak", 6, ("sptpd",)),
    Kind("e-pbb", ("e-PBB|Pajak Bumi dan Bangunan elektronik", "PBB Online"),
         "Electronic land and building tax", "smart-economy", "bapenda",
         "pembayaran pajak bumi dan bangunan secara daring", 4),
    Kind("non-tunai", ("Pembayaran Non Tunai", "Elektronifikasi Transaksi Pemerintah Daerah",
                       "QRIS Pasar"),
         "Cashless payments", "smart-economy", "bapenda",
         "pembayaran pajak dan retribusi daerah tanpa uang tunai", 5),
    Kind("umkm-online", ("Pasar Online UMKM", "{name} Mart", "e-Katalog Lokal"),
         "Online marketplace for small businesses", "smart-economy", "dinas-koperasi-umkm",
         "pasar daring yang mempertemukan pelaku UMKM dengan pembeli", 7),
    Kind("harga-pangan", ("Info Harga Pangan", "SIHARPA|Sistem Informasi Harga Pangan"),
         "Food price information", "smart-economy", "dinas-perdagangan",
         "informasi harga bahan pokok di pasar-pasar daerah setiap hari", 4),
    Kind("e-retribusi", ("e-Retribusi", "e-Retribusi Pasar"),
         "Electronic market fees", "smart-economy", "dinas-perdagangan",
         "penarikan retribusi pasar secara elektronik", 3),
    Kind("perizinan-online", ("Perizinan Online", "SiCantik|Sistem Informasi Pelayanan Perizinan"),
         "Online business licensing", "smart-economy", "dpmptsp",
         "pengurusan izin usaha secara daring dari pendaftaran sampai terbit", 5),
    # smart living
    Kind("wifi-publik", ("Wi-Fi Publik", "Free Wi-Fi Taman Kota", "Internet Desa"),
         "Public Wi-Fi", "smart-living", "dinas-kominfo",
         "akses internet gratis di ruang publik bagi masyarakat", 20),
    Kind("puskesmas-online", ("e-Puskesmas", "Pendaftaran Online Puskesmas"),
         "Online clinic registration", "smart-living", "dinas-kesehatan",
         "pendaftaran pasien puskesmas secara daring tanpa antre", 6),
    Kind("call-center-112", ("Call Center 112", "Layanan Darurat 112"),
         "Emergency call centre 112", "smart-living", "dinas-kominfo",
         "layanan panggilan darurat bebas pulsa yang siaga 24 jam", 8),
    Kind("atcs", ("ATCS|Area Traffic Control System",),
         "Area traffic control system", "smart-living", "dinas-perhubungan",
         "pengaturan lampu lalu lintas dari pusat kendali berdasarkan kepadatan kendaraan", 4),
    Kind("cctv-publik", ("CCTV Publik", "CCTV Online {name}"),
         "Public CCTV", "smart-living", "dinas-perhubungan",
         "kamera pengawas di titik rawan yang dapat dipantau warga", 4),
    Kind("taman-cerdas", ("Taman Cerdas", "Taman Kota Tematik", "Integrated Garden"),
         "Smart park", "smart-living", "dinas-lingkungan-hidup",
         "ruang terbuka hijau yang dilengkapi jaringan internet dan fasilitas belajar", 4,
         ("integrated-garden", "taman")),
    Kind("ambulans-gratis", ("Ambulans Gratis", "Ambulans Desa"),
         "Free ambulance service", "smart-living", "dinas-kesehatan",
         "layanan ambulans gratis yang dapat dipanggil melalui telepon", 3),
    # smart society
    Kind("sekolah-ramah-anak", ("Sekolah Ramah Anak",),
         "Child-friendly schools", "smart-society", "dinas-pendidikan",
         "program pendidikan yang mewujudkan sekolah yang aman dan menyenangkan bagi anak", 10,
         ("sekolah-ramah-anak",)),
    Kind("perpustakaan-digital", ("Perpustakaan Digital", "i{name}|Perpustakaan Digital {name}"),
         "Digital library", "smart-society", "dinas-perpustakaan",
         "perpustakaan daring yang dapat diakses warga dari telepon genggam", 6),
    Kind("kampung-digital", ("Kampung Digital", "Desa Digital", "Desa Cerdas"),
         "Digital village", "smart-society", "dinas-kominfo",
         "pendampingan desa agar layanan dan potensinya hadir secara daring", 6),
    Kind("literasi-digital", ("Gerakan Literasi Digital", "Literasi Digital Masyarakat"),
         "Digital literacy movement", "smart-society", "dinas-kominfo",
         "pelatihan literasi digital bagi pelajar, guru dan masyarakat umum", 5),
    Kind("relawan-tik", ("Relawan TIK", "Relawan TIK {name}"),
         "ICT volunteers", "smart-society", "dinas-kominfo",
         "relawan yang mendampingi masyarakat memanfaatkan teknologi informasi", 3),
    Kind("beasiswa-online", ("Beasiswa Online", "e-Beasiswa"),
         "Online scholarship applications", "smart-society", "dinas-pendidikan",
         "pendaftaran dan seleksi beasiswa daerah secara daring", 3),
    # smart environment
    Kind("bank-sampah", ("Bank Sampah", "Bank Sampah Digital", "Bank Sampah {name}"),
         "Waste bank", "smart-environment", "dinas-lingkungan-hidup",
         "pengelolaan sampah menjadi barang bernilai ekonomis bagi warga", 25,
         ("bank-sampah", "trash-bank")),
    Kind("tps3r", ("TPS3R|Tempat Pengolahan Sampah Reduce, Reuse, Recycle",
                   "TPST|Tempat Pengolahan Sampah Terpadu"),
         "Waste processing site", "smart-environment", "dinas-lingkungan-hidup",
         "pengolahan sampah di tingkat kawasan sebelum dibawa ke tempat pembuangan akhir", 6),
    Kind("ews-banjir", ("Sistem Peringatan Dini Banjir", "EWS Banjir|Early Warning System Banjir"),
         "Flood early warning system", "smart-environment", "bpbd",
         "sensor ketinggian air yang mengirim peringatan dini kepada warga", 4),
    Kind("kampung-iklim", ("Kampung Iklim", "ProKlim|Program Kampung Iklim"),
         "Climate village programme", "smart-environment", "dinas-lingkungan-hidup",
         "kampung yang melakukan adaptasi dan mitigasi perubahan iklim", 4),
    Kind("kualitas-udara", ("Pemantauan Kualitas Udara",),
         "Air quality monitoring", "smart-environment", "dinas-lingkungan-hidup",
         "stasiun pemantau kualitas udara yang datanya terbuka bagi publik", 2),
    Kind("jemput-sampah", ("Jemput Sampah Online", "Angkut Sampah Online"),
         "Waste pickup on demand", "smart-environment", "dinas-lingkungan-hidup",
         "pemesanan pengangkutan sampah rumah tangga melalui aplikasi", 4),
)

DIMENSIONS = {  # slug: as articles write it
    "smart-governance": ("Smart Governance", "smart governance", "tata kelola"),
    "smart-branding": ("Smart Branding", "smart branding", "branding daerah"),
    "smart-economy": ("Smart Economy", "smart economy", "smart ekonomi"),
    "smart-living": ("Smart Living", "smart living"),
    "smart-society": ("Smart Society", "smart society"),
    "smart-environment": ("Smart Environment", "smart environment"),
}
DIMENSION_EN = {slug: names[0] for slug, names in DIMENSIONS.items()}

# Local agencies (OPD): Indonesian name, English name, how articles shorten it.
AGENCIES: dict[str, tuple[str, str, str]] = {
    "dinas-kominfo": ("Dinas Komunikasi dan Informatika", "Communication and Informatics Agency",
                      "Diskominfo"),
    "bappeda": ("Badan Perencanaan Pembangunan Daerah", "Regional Development Planning Agency",
                "Bappeda"),
    "dinas-lingkungan-hidup": ("Dinas Lingkungan Hidup", "Environment Agency", "DLH"),
    "dinas-pariwisata": ("Dinas Pariwisata", "Tourism Agency", "Dinas Pariwisata"),
    "dinas-tenaga-kerja": ("Dinas Tenaga Kerja", "Manpower Agency", "Disnaker"),
    "dinas-pendidikan": ("Dinas Pendidikan", "Education Agency", "Disdik"),
    "dinas-kesehatan": ("Dinas Kesehatan", "Health Agency", "Dinkes"),
    "dinas-perhubungan": ("Dinas Perhubungan", "Transport Agency", "Dishub"),
    "bapenda": ("Badan Pendapatan Daerah", "Regional Revenue Agency", "Bapenda"),
    "dpmptsp": ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
                "Investment and One-Stop Services Agency", "DPMPTSP"),
    "dinas-koperasi-umkm": ("Dinas Koperasi dan Usaha Mikro",
                            "Cooperatives and Micro Enterprises Agency", "Diskop UKM"),
    "disdukcapil": ("Dinas Kependudukan dan Pencatatan Sipil",
                    "Population and Civil Registration Agency", "Disdukcapil"),
    "bpbd": ("Badan Penanggulangan Bencana Daerah", "Regional Disaster Management Agency",
             "BPBD"),
    "dinas-perpustakaan": ("Dinas Perpustakaan dan Kearsipan", "Library and Archives Agency",
                           "Dispusip"),
    "bkpsdm": ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
               "Civil Service and Human Resources Agency", "BKPSDM"),
    "dinas-perdagangan": ("Dinas Perindustrian dan Perdagangan", "Industry and Trade Agency",
                          "Disperindag"),
}

# National bodies the programme works with (ids of graph/reference), as articles name them.
COOPERATING = (
    ("kemendagri", "Kementerian Dalam Negeri"), ("kementerian-pupr", "Kementerian PUPR"),
    ("bappenas", "Kementerian PPN/Bappenas"), ("kemenkeu", "Kementerian Keuangan"),
    ("kemenparekraf", "Kementerian Pariwisata dan Ekonomi Kreatif"),
    ("kemenko-perekonomian", "Kementerian Koordinator Bidang Perekonomian"),
    ("kemenpan-rb", "Kementerian PAN dan RB"), ("ksp", "Kantor Staf Presiden"),
)
INDUSTRY = (
    ("indosat", "Indosat", "Technology Partner"), ("lintasarta", "Lintasarta", "Mitra Teknologi"),
    ("bni", "BNI", "Mitra Perbankan"), ("pertamina", "Pertamina", "Smart Energy"),
    ("philips-indonesia", "PT Philips Indonesia", "Smart Lighting"),
    ("jasnita-telekomindo", "Jasnita Telekomindo", "Partner Speech"),
    ("kompas-gramedia", "Kompas Gramedia", "Media Partner"), ("apeksi", "APEKSI", "Mitra Asosiasi"),
)
CRITERIA = (
    ("kemampuan-keuangan-daerah", "kemampuan keuangan daerah"),
    ("kinerja-pemerintah-dan-pelayanan-publik-berbasis-tik",
     "tingkat kinerja pemerintah dan pelayanan publik berbasis TIK"),
    ("keikutsertaan-program-green-city", "keikutsertaan pada program Green City"),
    ("indeks-kota-berkelanjutan", "Indeks Kota Berkelanjutan"),
)
# Made-up news sites: (id, name, how the lead sentence tags it).
OUTLETS = (
    ("kabar-daerah", "Kabar Daerah", "KABARDAERAH.id"),
    ("warta-nusantara", "Warta Nusantara", "WARTANUSANTARA.com"),
    ("suara-kota", "Suara Kota", "SUARAKOTA.co.id"),
    ("lintas-kabupaten", "Lintas Kabupaten", "LINTASKABUPATEN.com"),
    ("gema-daerah", "Gema Daerah", "GEMADAERAH.id"),
    ("jendela-kota", "Jendela Kota", "JENDELAKOTA.id"),
    ("sinar-nusantara", "Sinar Nusantara", "SINARNUSANTARA.co"),
    ("detak-daerah", "Detak Daerah", "DETAKDAERAH.com"),
    ("pena-kabupaten", "Pena Kabupaten", "PENAKABUPATEN.id"),
    ("berita-cerdas", "Berita Cerdas", "BERITACERDAS.id"),
)
# Venues of national events: (id, name, region code). Real sources declare some of them.
VENUES = (
    ("hotel-bidakara-jakarta", "Hotel Bidakara Jakarta", "31.74"),
    ("hotel-borobudur-jakarta", "Hotel Borobudur Jakarta", "31.71"),
    ("jakarta-convention-center", "Jakarta Convention Center", "31.71"),
    ("hotel-grand-sahid-jaya", "Hotel Grand Sahid Jaya", "31.71"),
    ("bali-nusa-dua-convention-center", "Bali Nusa Dua Convention Center", "51.03"),
    ("hotel-santika-premiere-yogyakarta", "Hotel Santika Premiere Yogyakarta", "34.71"),
    ("grand-city-convention-center", "Grand City Convention Center Surabaya", "35.78"),
    ("hotel-redtop-jakarta", "Hotel Redtop Jakarta", "31.71"),
    ("ice-bsd-city", "ICE BSD City", "36.03"),
    ("the-meru", "The Meru", "51.71"),
)

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

# Names: common Indonesian given names and family names, with regional family names.
GIVEN_MALE = (
    "Ahmad", "Muhammad", "Budi", "Agus", "Hendra", "Joko", "Bambang", "Rudi", "Andi", "Dedi",
    "Eko", "Fajar", "Hadi", "Irwan", "Yusuf", "Rahmat", "Syamsul", "Arif", "Taufik", "Wahyu",
    "Rizal", "Hasan", "Zulkifli", "Iskandar", "Firman", "Gunawan", "Heru", "Imam", "Lukman",
    "Nasrul", "Sugeng", "Teguh", "Yudi", "Andika", "Bayu", "Dimas", "Fikri", "Ilham", "Slamet",
    "Suparman", "Suryadi", "Benny", "Darius", "Yohanes", "Markus", "Hendrik", "Roni", "Anton",
)
GIVEN_FEMALE = (
    "Siti", "Dewi", "Rina", "Sri", "Nur", "Lestari", "Fitri", "Wulan", "Ayu", "Ratna", "Yuni",
    "Indah", "Maria", "Novita", "Rahma", "Kartika", "Puspita", "Anisa", "Endang", "Susanti",
    "Mega", "Nanda", "Ratih", "Yanti",
)
MIDDLE = ("Adi", "Eka", "Dwi", "Tri", "Nur", "Putra", "Surya", "Agung", "Budi", "Setia",
          "Dharma", "Kusuma", "Wira", "Arya", "Rizki", "Hadi")
FAMILY = (
    "Santoso", "Wibowo", "Prasetyo", "Hidayat", "Saputra", "Nugroho", "Setiawan", "Kurniawan",
    "Hakim", "Syahputra", "Rahman", "Hartono", "Purnomo", "Haryanto", "Sulistyo", "Wijaya",
    "Firmansyah", "Gunadi", "Susilo", "Utomo", "Pratama", "Ramadhan", "Maulana", "Permana",
    "Hasibuan", "Lubis", "Effendi", "Syarif", "Anwar", "Hamid", "Salim", "Yunus",
)
FAMILY_BY_PROVINCE = {
    "12": ("Sitepu", "Ginting", "Tarigan", "Marbun", "Siregar", "Nasution", "Harahap",
           "Simanjuntak", "Sinaga", "Situmorang", "Pardede", "Hutapea", "Panjaitan", "Sembiring",
           "Purba", "Damanik", "Manurung"),
    "51": ("Sudana", "Suarjana", "Artha", "Mahendra", "Wirawan", "Sukadana", "Astawa"),
    "71": ("Lumowa", "Tumewu", "Sondakh", "Rantung", "Mandagi", "Kalalo", "Pangemanan"),
    "73": ("Mappaseng", "Parenrengi", "Pawelloi", "Daeng", "Latief", "Baso"),
    "91": ("Wenda", "Kogoya", "Rumbiak", "Waromi", "Kaiway", "Mayor", "Krey"),
    "92": ("Mandacan", "Rumbiak", "Kambu", "Sesa", "Wonggor"),
}
PREFIXES = ("H.", "Drs.", "Dr.", "Ir.", "dr.")
SUFFIXES = ("S.Sos", "M.Si", "SE", "MM", "ST, MT", "S.Kom", "SH, MH", "M.AP", "S.Pd", "M.Pd",
            "SE, M.Si", "S.STP, M.Si")
SITE_KINDS = ("Pantai", "Air Terjun", "Danau", "Bukit", "Goa", "Taman Wisata", "Kampung")
SITE_NAMES = ("Indah", "Lestari", "Permai", "Asri", "Biru", "Pelangi", "Sari", "Emas", "Cemara",
              "Kencana", "Tirta", "Batu Hijau", "Sejuk", "Seribu", "Putri", "Bidadari",
              "Karang", "Pasir Putih", "Nirwana", "Mutiara", "Sunset", "Cahaya", "Rimba Raya")


# ---------------------------------------------------------------------------- dates


def tanggal(day: dt.date) -> str:
    """'24 Juni 2024'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def hari(day: dt.date) -> str:
    """'Senin (24/6/2024)', as datelines write it."""
    return f"{DAYS[day.weekday()]} ({day.day}/{day.month}/{day.year})"


def date_en(day: dt.date) -> str:
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def workday(day: dt.date) -> dt.date:
    """The day, or the Monday after it if it falls on a weekend (within the same year)."""
    if day.weekday() < 5:
        return day
    moved = day + dt.timedelta(days=7 - day.weekday())
    return moved if moved.year == day.year else day - dt.timedelta(days=day.weekday() - 4)


def listing(items: list[str]) -> str:
    """'a', 'a dan b', 'a, b dan c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


def span(start: dt.date, end: dt.date) -> str:
    if start == end:
        return tanggal(start)
    if start.month == end.month:
        return f"{start.day} sampai {end.day} {MONTHS[end.month - 1]} {end.year}"
    return f"{start.day} {MONTHS[start.month - 1]} sampai {tanggal(end)}"


# ---------------------------------------------------------------------------- the world


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    prefix: str | None = None
    suffix: str | None = None
    written: str = ""  # as articles write the name, with titles
    real: bool = False

    def with_titles(self) -> str:
        if self.written:
            return self.written
        parts = [self.prefix, self.name]
        text = " ".join(p for p in parts if p)
        return f"{text} {self.suffix}" if self.suffix else text


@dataclass
class Term:
    start: dt.date
    end: dt.date
    person: Person | None = None
    acting: bool = False  # a Pj between elected terms


@dataclass
class Post:
    id: str
    label: str
    label_en: str
    role: str
    organisation: str
    short: str  # as articles write it ("Bupati Langkat", "Kadis Kominfo")
    terms: list[Term] = field(default_factory=list)


@dataclass
class Innovation:
    id: str
    label: str
    label_en: str
    dimension: str
    year: int
    quick_win: bool
    kind: Kind | None = None
    expansion: str | None = None
    description: str | None = None
    agency: str | None = None  # organisation id
    site: str | None = None  # place id
    real: bool = False


@dataclass
class Place:
    id: str
    label: str
    region: str
    type: str = "Venue"


@dataclass
class NationalEvent:
    id: str
    types: tuple[str, ...]
    label: str
    label_en: str
    written: tuple[str, ...]
    start: dt.date
    end: dt.date
    venue: str | None
    stage: str | None = None
    year: int = 0
    regions: int | None = None


@dataclass
class Award:
    id: str
    year: int
    code: str
    dimension: str
    innovation: str


@dataclass
class Region:
    area: Area
    cohort: int | None
    pattern: str
    kominfo: str  # id of its Dinas Kominfo (or what the region calls it)
    posts: dict[str, Post] = field(default_factory=dict)
    innovations: list[Innovation] = field(default_factory=list)
    meeting_room: Place | None = None
    sites: list[Place] = field(default_factory=list)
    decree: tuple[str, str, int, dt.date] | None = None  # id, number, year, signed on
    meetings: list[dt.date] = field(default_factory=list)
    sessions: dict[str, dt.date] = field(default_factory=dict)  # event id -> session date

    @property
    def code(self) -> str:
        return self.area.code

    @property
    def kabupaten(self) -> bool:
        return self.area.level == "kabupaten"

    @property
    def name(self) -> str:
        return self.area.bare_name

    @property
    def pemda(self) -> str:
        return f"{self.code}/pemda"

    @property
    def pemda_short(self) -> str:
        return f"{'Pemkab' if self.kabupaten else 'Pemkot'} {self.name}"

    @property
    def pemda_long(self) -> str:
        return f"Pemerintah {self.area.label}"

    @property
    def head_title(self) -> str:
        return "Bupati" if self.kabupaten else "Wali Kota"

    @property
    def council(self) -> str:
        return f"{self.code}/dewan-smart-city"


@dataclass
class Known:
    """What the real sources already say: synthetic articles only mention it."""

    keys: set[str] = field(default_factory=set)
    people: dict[str, Any] = field(default_factory=dict)
    holdings: list[Any] = field(default_factory=list)
    innovations: dict[str, list[Any]] = field(default_factory=dict)
    cohorts: dict[str, int] = field(default_factory=dict)
    masterplans: set[str] = field(default_factory=set)
    events: dict[str, Any] = field(default_factory=dict)
    agencies: dict[str, str] = field(default_factory=dict)  # code -> real kominfo agency id
    decrees: dict[str, Any] = field(default_factory=dict)  # code -> real council decree
    active_from: dict[str, int] = field(default_factory=dict)  # code -> first real year
    places: dict[str, str] = field(default_factory=dict)  # place id -> label

    @classmethod
    def of(cls, sources: Iterable[SourceFile]) -> Known:
        known = cls()
        kinds = {"places": "place", "organisations": "org", "programmes": "programme",
                 "people": "person", "posts": "post", "selection_criteria": "criterion",
                 "innovations": "innovation", "events": "event", "awards": "award",
                 "legal_instruments": "legal"}
        for model in sources:
            for section, _, record in model.records():
                if section in kinds:
                    known.keys.add(f"{kinds[section]}:{record.id}")
            for place in model.places:
                if place.label:
                    known.places[place.id] = place.label
            for person in model.people:
                if person.label:
                    known.people[person.id] = person
            known.holdings.extend(model.holdings)
            for innovation in model.innovations:
                known.innovations.setdefault(innovation.region, []).append(innovation)
            for participation in model.participations:
                if participation.cohort:
                    known.cohorts[participation.region] = participation.cohort
            for masterplan in model.masterplans:
                known.masterplans.add(masterplan.region)
            for event in model.events:
                if event.label:
                    known.events[event.id] = event
            for org in model.organisations:
                code = org.id.split("/")[0]
                if org.type == "LocalAgency" and "kominfo" in org.id:
                    known.agencies.setdefault(code, org.id)
            for legal in model.legal_instruments:
                for established in legal.establishes:
                    if established.endswith("/dewan-smart-city"):
                        known.decrees[established.split("/")[0]] = legal
            if model.article:
                years = [e.start.year for e in model.events if e.start]
                years += [a.year for a in model.awards if a.year]
                for code in model.article.about:
                    for year in years:
                        known.active_from[code] = min(year, known.active_from.get(code, year))
        return known


def _weighted_sample(rng: random.Random, items: list[Kind], k: int) -> list[Kind]:
    pool = list(items)
    chosen: list[Kind] = []
    while pool and len(chosen) < k:
        pick = rng.choices(pool, weights=[kind.weight for kind in pool])[0]
        pool.remove(pick)
        chosen.append(pick)
    return chosen


class World:
    """The made-up state of the programme: regions, people, innovations, events, awards."""

    def __init__(self, seed: int, known: Known) -> None:
        self.seed = seed
        self.known = known
        self.person_ids: set[str] = {key[7:] for key in known.keys if key.startswith("person:")}
        self.place_ids: set[str] = {key[6:] for key in known.keys if key.startswith("place:")}
        areas = [a for a in read_areas() if a.level != "provinsi"]
        cohorts = self._cohorts(areas)
        self.regions: dict[str, Region] = {}
        for area in areas:
            self.regions[area.code] = self._region(area, cohorts.get(area.code))
        self.events = self._national_events()
        self.venues = {venue_id: name for venue_id, name, _ in VENUES} | known.places
        known_events = {key[6:] for key in known.keys if key.startswith("event:")}
        for region in self.regions.values():
            self._sessions(region, known_events)
        for event in self.events.values():
            event.regions = sum(1 for r in self.regions.values() if event.id in r.sessions)
        self.evaluators = [self._person(self.rng("evaluator", i), None) for i in range(80)]
        self.experts = [self._person(self.rng("expert", i), None) for i in range(16)]
        self.awards = self._awards()

    def rng(self, *parts: object) -> random.Random:
        """A generator for one choice: the seed and what is chosen (str seeds are stable)."""
        return random.Random("/".join([str(self.seed), *map(str, parts)]))

    # ------------------------------------------------------------------ cohorts

    def _cohorts(self, areas: list[Area]) -> dict[str, int]:
        rng = self.rng("cohorts")
        left = dict(COHORTS)
        chosen: dict[str, int] = {}
        for code, year in sorted(self.known.cohorts.items()):
            chosen[code] = year
            left[year] -= 1
        for code, first in sorted(self.known.active_from.items()):
            if code in chosen:
                continue
            years = [y for y in sorted(left) if y < first and left[y] > 0]
            if years:
                chosen[code] = rng.choice(years)
                left[chosen[code]] -= 1
        rest = [a.code for a in areas if a.code not in chosen]
        rng.shuffle(rest)
        for year in sorted(left):
            for _ in range(max(left[year], 0)):
                if rest:
                    chosen[rest.pop()] = year
        return chosen

    # ------------------------------------------------------------------ people

    def _person(self, rng: random.Random, province: str | None) -> Person:
        while True:
            female = rng.random() < 0.25
            given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
            families = FAMILY_BY_PROVINCE.get(province or "", ())
            family = rng.choice(families if families and rng.random() < 0.7 else FAMILY)
            parts = [given]
            if rng.random() < 0.4:
                parts.append(rng.choice(MIDDLE))
            parts.append(family)
            name = " ".join(parts)
            person_id = slugify(name)
            if person_id not in self.person_ids:
                break
        self.person_ids.add(person_id)
        prefix = None
        if rng.random() < 0.45:
            prefix = rng.choice(PREFIXES)
            if female:
                prefix = {"H.": "Hj.", "Drs.": "Dra."}.get(prefix, prefix)
        suffix = rng.choice(SUFFIXES) if rng.random() < 0.7 else None
        return Person(person_id, name, prefix, suffix)

    def _real_person(self, person_id: str) -> Person:
        record = self.known.people[person_id]
        written = record.as_written[0] if record.as_written else record.label
        return Person(person_id, record.label, record.honorific_prefix, record.honorific_suffix,
                      written, real=True)

    # ------------------------------------------------------------------ regions

    def _region(self, area: Area, cohort: int | None) -> Region:
        rng = self.rng("region", area.code)
        code = area.code
        kominfo = self.known.agencies.get(code, f"{code}/dinas-kominfo")
        administrative = "ADM." in area.published
        region = Region(area, cohort, "appointed" if administrative else "", kominfo)
        region.pattern = region.pattern or self._pattern(region, rng)
        head = "bupati" if region.kabupaten else "wali-kota"
        deputy = "wakil-bupati" if region.kabupaten else "wakil-wali-kota"
        label, label_en = area.label, area.label_en
        name = area.bare_name
        kominfo_name = "Dinas Komunikasi dan Informatika"
        posts = [
            Post(f"{code}/pemda/{head}", f"{region.head_title} {name}",
                 f"{'Regent' if region.kabupaten else 'Mayor'} of {name}", head,
                 region.pemda, f"{region.head_title} {name}"),
            Post(f"{code}/pemda/sekretaris-daerah", f"Sekretaris Daerah {label}",
                 f"Regional Secretary of {label_en}", "sekretaris-daerah", region.pemda,
                 rng.choice(("Sekda", "Sekretaris Daerah", f"Sekda {name}"))),
            Post(f"{kominfo}/kepala", f"Kepala {kominfo_name} {label}",
                 f"Head of the Communication and Informatics Agency of {label_en}",
                 "kepala-dinas", kominfo,
                 rng.choice(("Kadis Kominfo", "Kepala Dinas Kominfo", "Kadiskominfo"))),
            Post(f"{code}/bappeda/kepala", f"Kepala Bappeda {label}",
                 f"Head of the Regional Development Planning Agency of {label_en}",
                 "kepala-bappeda", f"{code}/bappeda", "Kepala Bappeda"),
        ]
        if not administrative:
            posts.append(Post(
                f"{code}/pemda/{deputy}", f"Wakil {region.head_title} {name}",
                f"{'Vice Regent' if region.kabupaten else 'Deputy Mayor'} of {name}", deputy,
                region.pemda, rng.choice((f"Wakil {region.head_title}",
                                          "Wabup" if region.kabupaten else "Wawali"))))
        keys = ("head", "sekda", "kominfo", "bappeda", "deputy")
        region.posts = dict(zip(keys, posts, strict=False))
        self._terms(region, rng)
        region.meeting_room = self._meeting_room(region)
        region.innovations = self._innovations(region, rng)
        if cohort:
            region.decree = self._decree(region, rng)
            start = region.decree[3]
            for year in range(start.year, LAST_YEAR + 1):
                if year == start.year or rng.random() < 0.6:
                    first = max(start + dt.timedelta(days=14), dt.date(year, 2, 1))
                    if first.year == year:
                        day = first + dt.timedelta(days=rng.randrange(max(1, (
                            dt.date(year, 12, 15) - first).days)))
                        region.meetings.append(workday(day))
        return region

    def _pattern(self, region: Region, rng: random.Random) -> str:
        """When the region elects its head: decides the terms and the Pj between them."""
        heads = (f"{region.code}/pemda/bupati", f"{region.code}/pemda/wali-kota")
        holdings = [h for h in self.known.holdings if h.post in heads and h.attested_on]
        for pattern in ("2018", "2017", "2015") if holdings else ():
            if all(any(start <= h.attested_on < end and acting == (h.role is not None)
                       for start, end, acting in HEAD_TERMS[pattern]) for h in holdings):
                return pattern
        return rng.choice(("2015", "2015", "2017", "2018"))

    def _terms(self, region: Region, rng: random.Random) -> None:
        province = region.code[:2]
        for key, post in region.posts.items():
            if key in ("head", "deputy") and region.pattern != "appointed":
                spans = [(s, e, acting) for s, e, acting in HEAD_TERMS[region.pattern]
                         if not (key == "deputy" and acting)]
            else:
                spans, start = [], dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(700))
                spans.append((dt.date(2012, 1, 1), start, False))
                while start < dt.date(2030, 1, 1):
                    end = start + dt.timedelta(days=rng.randrange(700, 2200))
                    spans.append((start, end, False))
                    start = end
            post.terms = [Term(s, e, None, acting) for s, e, acting in spans]
            for holding in self.known.holdings:
                when = holding.attested_on or holding.ended_before
                real = holding.person in self.known.people
                if holding.post != post.id or when is None or not real:
                    continue
                for term in post.terms:
                    if term.start <= when < term.end and term.person is None:
                        term.person = self._real_person(holding.person)
                        break
            for index, term in enumerate(post.terms):
                if term.person is None:
                    term.person = self._person(self.rng("person", post.id, index), province)

    def _meeting_room(self, region: Region) -> Place:
        office = f"Kantor {region.head_title} {region.name}"
        return self._place(f"Ruang Rapat {office}", region.code, "Venue")

    def _place(self, label: str, code: str, kind: str) -> Place:
        place_id = slugify(label)
        if place_id in self.place_ids:
            place_id = f"{place_id}-{slugify(code)}"
        self.place_ids.add(place_id)
        return Place(place_id, label, code, kind)

    def _innovations(self, region: Region, rng: random.Random) -> list[Innovation]:
        code, name = region.code, region.name
        innovations: list[Innovation] = []
        kinds = list(KINDS)
        for real in self.known.innovations.get(code, []):
            for kind in list(kinds):
                if any(fragment in real.id for fragment in kind.match):
                    kinds.remove(kind)
            innovations.append(Innovation(
                real.id, real.label or "", real.label_en or real.label or "",
                real.dimension or "smart-governance", real.year or FIRST_YEAR, real.quick_win,
                real=True))
        count = rng.randint(7, 13) if region.cohort else rng.randint(1, 5)
        first = region.cohort or FIRST_YEAR
        quick_wins = rng.randint(2, 4) if region.cohort else 0
        used = {i.id for i in innovations}
        for index, kind in enumerate(_weighted_sample(rng, kinds, count)):
            pattern = rng.choice(kind.names)
            site = None
            if "{site}" in pattern:
                site = self._place(f"{rng.choice(SITE_KINDS)} {rng.choice(SITE_NAMES)}", code,
                                   "Place")
                region.sites.append(site)
            label, expansion = kind.name(pattern.format(
                name=name, head=region.head_title, site=site.label if site else ""))
            innovation_id = f"{code}/{slugify(label)}"
            if innovation_id in used:
                continue
            used.add(innovation_id)
            quick_win = index < quick_wins
            year = first if quick_win else rng.randint(min(first + 1, LAST_YEAR), LAST_YEAR)
            agency = region.kominfo if kind.agency == "dinas-kominfo" else f"{code}/{kind.agency}"
            where = f"di {region.area.label}"
            innovations.append(Innovation(
                innovation_id, label, kind.label_en, kind.dimension, year, quick_win, kind,
                expansion, f"{kind.description[0].upper()}{kind.description[1:]} {where}.",
                agency, site.id if site else None))
        return innovations

    def _decree(self, region: Region, rng: random.Random) -> tuple[str, str, int, dt.date]:
        real = self.known.decrees.get(region.code)
        if real is not None:
            signed = real.signed_on or dt.date(real.year or LAST_YEAR, 1, 15)
            return real.id, real.number or "1", real.year or signed.year, signed
        assert region.cohort is not None
        year = min(region.cohort + rng.randint(0, 2), LAST_YEAR)
        number = str(rng.randint(12, 980))
        kind = "sk-bupati" if region.kabupaten else "sk-wali-kota"
        signed = workday(dt.date(year, rng.randint(1, 11), rng.randint(1, 28)))
        return f"{region.code}/{kind}-{number}-{year}", number, year, signed

    # ------------------------------------------------------------------ national events

    def _national_events(self) -> dict[str, NationalEvent]:
        events: dict[str, NationalEvent] = {}
        real_sessions: dict[str, list[dt.date]] = {}  # national event id -> real session days
        for event_id, event in self.known.events.items():
            if event.start and event_id.count("/") == 2:
                real_sessions.setdefault(event_id.rsplit("/", 1)[0], []).append(event.start)
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            rng = self.rng("calendar", year)
            online = year in (2020, 2021)
            hundred = year <= 2019
            movement = "Gerakan Menuju 100 Smart City" if hundred else "Gerakan Menuju Kota Cerdas"
            movement_en = ("the Towards 100 Smart Cities Movement" if hundred
                           else "the Movement Towards Smart Cities")

            def add(slug: str, types: tuple[str, ...], label: str, label_en: str,
                    written: tuple[str, ...], start: dt.date, days: int,
                    stage: str | None = None, online: bool = online, year: int = year,
                    rng: random.Random = rng) -> NationalEvent:
                event_id = f"{year}/{slug}"
                end = start + dt.timedelta(days=days - 1)
                venue = None if online else rng.choice(VENUES[:7])[0]
                real = self.known.events.get(event_id)
                if real is not None and real.start:
                    start, end, venue = real.start, real.end or real.start, real.venue
                event = NationalEvent(event_id, types, label, label_en, written, start, end,
                                      venue, stage, year)
                events[event_id] = event
                return event

            if year in COHORTS:
                add("assessment", ("Assessment",), f"Assessment {movement} {year}",
                    f"Assessment of {movement_en} {year}",
                    (f"Assessment {movement}", "assessment", "penilaian calon peserta"),
                    workday(dt.date(year, 3, rng.randint(2, 20))), 3)
                add("opening", ("ProgrammeOpening", "MoUSigning"), f"Opening {movement} {year}"
                    if hundred else f"Pembukaan {movement} {year}",
                    f"Opening of {movement_en} {year}",
                    (f"Opening {movement}", f"pembukaan {movement}"),
                    workday(dt.date(year, rng.randint(4, 5), rng.randint(2, 27))), 1)
                add("evaluasi-masterplan", ("MasterplanEvaluation",),
                    f"Evaluasi Masterplan Smart City {year}",
                    f"Smart City Masterplan Evaluation {year}",
                    ("Evaluasi Masterplan Smart City", "evaluasi masterplan",
                     "Evaluasi atau penilaian Masterplan Smart City"),
                    workday(dt.date(year, rng.randint(11, 12), rng.randint(1, 12))), 3)
            if year >= 2019:
                first = workday(dt.date(year, rng.randint(5, 7), rng.randint(1, 20)))
                for number, stage in enumerate(STAGES, 1):
                    roman = "I" * number
                    if f"{year}/evaluasi-{stage}" in real_sessions:  # the week of a real session
                        day = min(real_sessions[f"{year}/evaluasi-{stage}"])
                        first = day - dt.timedelta(days=min(day.weekday(), 3))
                    event = add(
                        f"evaluasi-{stage}", ("Evaluation",),
                        f"Evaluasi Implementasi Program Kota Cerdas Tahap {roman} {year}",
                        f"Smart City Programme Implementation Evaluation, Stage {roman}, {year}",
                        (f"Evaluasi Implementasi Program Kota Cerdas (Smart City) Tahap {roman}",
                         f"Evaluasi Smart City Tahap {roman}", f"evaluasi tahap {roman}",
                         f"Evaluasi Gerakan Menuju Smart City Tahap {roman}"),
                        first, 4, stage)
                    first = workday(event.end + dt.timedelta(days=rng.randint(40, 80)))
        return events

    def _sessions(self, region: Region, known_events: set[str]) -> None:
        """The day of each region's session at the national events it takes part in."""
        if not region.cohort:
            return
        rng = self.rng("sessions", region.code)
        for event in self.events.values():
            joins = (event.year == region.cohort and event.stage is None) or (
                event.stage is not None and event.year > region.cohort)
            if not joins:
                continue
            session_id = f"{event.id}/{region.code}"
            real = self.known.events.get(session_id)
            days = (event.end - event.start).days + 1
            day = event.start + dt.timedelta(days=rng.randrange(days))
            if real is not None and real.start:
                day = real.start
            elif session_id in known_events:
                day = event.start
            region.sessions[event.id] = day

    # ------------------------------------------------------------------ awards

    def _awards(self) -> list[Award]:
        awards = []
        for year in range(2018, LAST_YEAR + 1):
            rng = self.rng("awards", year)
            for dimension in DIMENSIONS:
                candidates = [
                    (region.code, innovation.id)
                    for region in self.regions.values()
                    if region.cohort and region.cohort < year
                    for innovation in region.innovations
                    if innovation.dimension == dimension and innovation.year <= year
                    and not innovation.real
                ]
                for code, innovation in rng.sample(candidates, min(3, len(candidates))):
                    award_id = f"{year}/{code}/{dimension}"
                    if f"award:{award_id}" not in self.known.keys:
                        awards.append(Award(award_id, year, code, dimension, innovation))
        return awards

    # ------------------------------------------------------------------ lookups

    def holder(self, post: Post, day: dt.date) -> Term | None:
        for term in post.terms:
            if term.start <= day < term.end:
                return term
        return None


# When heads of region are elected: (start, end, acting) of each term; Pj between elections.
HEAD_TERMS: dict[str, list[tuple[dt.date, dt.date, bool]]] = {
    "2015": [(dt.date(2011, 2, 17), dt.date(2016, 2, 17), False),
             (dt.date(2016, 2, 17), dt.date(2021, 2, 26), False),
             (dt.date(2021, 2, 26), dt.date(2025, 2, 20), False),
             (dt.date(2025, 2, 20), dt.date(2030, 2, 20), False)],
    "2017": [(dt.date(2012, 5, 22), dt.date(2017, 5, 22), False),
             (dt.date(2017, 5, 22), dt.date(2022, 5, 22), False),
             (dt.date(2022, 5, 22), dt.date(2025, 2, 20), True),
             (dt.date(2025, 2, 20), dt.date(2030, 2, 20), False)],
    "2018": [(dt.date(2013, 9, 20), dt.date(2018, 9, 20), False),
             (dt.date(2018, 9, 20), dt.date(2023, 9, 20), False),
             (dt.date(2023, 9, 20), dt.date(2025, 2, 20), True),
             (dt.date(2025, 2, 20), dt.date(2030, 2, 20), False)],
}


# ---------------------------------------------------------------------------- articles


class Draft:
    """One article being written: its sentences, and the records that quote them."""

    def __init__(self, writer: Writer, article_id: str) -> None:
        self.writer = writer
        self.article_id = article_id
        self.sentences: list[str] = []
        self.records: dict[str, dict[str, dict[str, Any]]] = {s: {} for s in SECTIONS}
        self.declared: set[str] = set()

    def say(self, text: str) -> str:
        text = normalise_space(text)
        self.sentences.append(text)
        return text

    def record(self, section: str, key: str, base: dict[str, Any], quote: str,
               declare: Callable[[], dict[str, Any]] | None = None,
               written: str | None = None) -> dict[str, Any]:
        """The record for `key` in this article, declaring the entity if nobody has yet."""
        record = self.records[section].get(key)
        if record is None:
            record = dict(base)
            if declare is not None and key not in self.writer.declared:
                record.update(declare())
                self.declared.add(key)
            record["quotes"] = []
            self.records[section][key] = record
        if quote not in record["quotes"]:
            record["quotes"].append(quote)
        if written and written != record.get("label") and "as_written" in _NAMED[section]:
            spellings = record.setdefault("as_written", [])
            if written not in spellings:
                spellings.append(written)
        return record

    def model(self, article: dict[str, Any]) -> SourceFile:
        data: dict[str, Any] = {"article": article}
        for section, records in self.records.items():
            if records:
                data[section] = list(records.values())
        return SourceFile.model_validate(data)


_NAMED = {section: set(SourceFile.model_fields[section].annotation.__args__[0].model_fields)
          for section in SECTIONS}


@dataclass(frozen=True)
class Plan:
    kind: str  # mou, masterplan, evaluation, council, meeting, feature, award, coverage
    code: str
    year: int
    detail: str = ""  # stage, innovation id or award id


class Writer:
    """Writes the world as a stream of articles; remembers what has been declared."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.declared: set[str] = set(world.known.keys)
        self.count = 0

    # ------------------------------------------------------------------ plan

    def plan(self) -> list[Plan]:
        """Every article the world calls for, spread so that early ones cover many regions."""
        world = self.world
        ranked: list[tuple[int, float, Plan]] = []
        by_region: dict[str, list[Plan]] = {code: [] for code in world.regions}
        for code, region in world.regions.items():
            items = by_region[code]
            if region.cohort:
                items.append(Plan("mou", code, region.cohort))
                items.append(Plan("masterplan", code, region.cohort))
                for year in range(max(region.cohort + 1, 2019), LAST_YEAR + 1):
                    items.extend(Plan("evaluation", code, year, stage) for stage in STAGES)
                if region.decree and not self._known(f"legal:{region.decree[0]}"):
                    items.append(Plan("council", code, region.decree[2]))
                items.extend(Plan("meeting", code, day.year, day.isoformat())
                             for day in region.meetings[1:])
            items.extend(Plan("feature", code, i.year, i.id) for i in region.innovations
                         if not i.real)
        for award in world.awards:
            by_region[award.code].append(Plan("award", award.code, award.year, award.id))
        for code, items in by_region.items():
            rng = world.rng("plan", code)
            rng.shuffle(items)
            # An evaluation first, where there is one: it says the most about a region.
            items.sort(key=lambda p: p.kind != "evaluation")
            if len(items) > 1:
                rest = items[1:]
                rng.shuffle(rest)
                items[1:] = rest
            for rank, item in enumerate(items):
                ranked.append((rank, rng.random(), item))
        ranked.sort(key=lambda r: (r[0], r[1]))
        return [item for _, _, item in ranked]

    def _known(self, key: str) -> bool:
        return key in self.world.known.keys

    def articles(self) -> Iterator[SourceFile]:
        """The plan's articles, then follow-up coverage without end."""
        for plan in self.plan():
            yield self.write(plan)
        rng = self.world.rng("coverage")
        regions = [r for r in self.world.regions.values() if r.innovations]
        while True:
            region = rng.choice(regions)
            innovation = rng.choice(region.innovations)
            year = rng.randint(innovation.year, LAST_YEAR)
            yield self.write(Plan("coverage", region.code, year, innovation.id))

    def write(self, plan: Plan) -> SourceFile:
        self.count += 1
        region = self.world.regions[plan.code]
        rng = self.world.rng("article", self.count)
        slug = {"evaluation": f"evaluasi-{plan.detail}", "mou": "nota-kesepahaman",
                "masterplan": "evaluasi-masterplan", "council": "dewan-smart-city",
                "meeting": "rapat-dewan-smart-city", "feature": "inovasi", "award": "penghargaan",
                "coverage": "liputan"}[plan.kind]
        article_id = f"{ARTICLE_PREFIX}{self.count:06d}-{plan.year}-{slugify(region.name)}-{slug}"
        draft = Draft(self, article_id)
        outlet = rng.random() < 0.6
        lead_tag = ""
        publisher = region.kominfo
        byline = f"Diskominfo {region.name}"
        if outlet:
            outlet_id, outlet_name, tag = rng.choice(OUTLETS)
            publisher, lead_tag = outlet_id, f"{tag} | "
            byline = rng.choice(("red", "rls", "adv")) + "/" + rng.choice("abcdefghjkmnprst")
        writer = getattr(self, f"_{plan.kind}")
        title, day = writer(draft, region, plan, rng, lead_tag)
        lead = draft.sentences[0]
        if outlet:
            draft.record("organisations", f"org:{publisher}", {"id": publisher}, lead,
                         lambda: {"type": "MediaOrganization", "label": outlet_name,
                                  "label_en": outlet_name}, tag)
        else:
            self.agency(draft, region, region.kominfo, lead, f"Diskominfo {region.name}")
        published = day + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        article = {"id": article_id, "title": title, "language": "id", "publisher": publisher,
                   "byline": byline, "dateline": region.name if not outlet else None,
                   "published": published, "about": [region.code]}
        model = draft.model({k: v for k, v in article.items() if v is not None})
        self.declared |= draft.declared
        return model

    # ------------------------------------------------------------------ shared records

    def programme(self, draft: Draft, quote: str, written: str) -> None:
        draft.record("programmes", f"programme:{PROGRAMME}", {"id": PROGRAMME}, quote,
                     written=written)

    def org(self, draft: Draft, org_id: str, quote: str, written: str | None = None) -> None:
        draft.record("organisations", f"org:{org_id}", {"id": org_id}, quote, written=written)

    @staticmethod
    def agency_names(org_id: str) -> tuple[str, str, str]:
        return AGENCIES.get(org_id.split("/", 1)[1], AGENCIES["dinas-kominfo"])

    def agency(self, draft: Draft, region: Region, org_id: str, quote: str,
               written: str | None = None) -> None:
        name, name_en, short = self.agency_names(org_id)

        def declare() -> dict[str, Any]:
            return {"type": "LocalAgency", "label": f"{name} {region.area.label}",
                    "label_en": f"{name_en} of {region.area.label_en}", "part_of": region.pemda}

        draft.record("organisations", f"org:{org_id}", {"id": org_id}, quote, declare,
                     written or f"{short} {region.name}")

    def person(self, draft: Draft, person: Person, quote: str) -> None:
        def declare() -> dict[str, Any]:
            data: dict[str, Any] = {"label": person.name}
            if person.prefix:
                data["honorific_prefix"] = person.prefix
            if person.suffix:
                data["honorific_suffix"] = person.suffix
            return data

        draft.record("people", f"person:{person.id}", {"id": person.id}, quote, declare,
                     person.with_titles())

    def post(self, draft: Draft, post: Post, quote: str, region: Region | None = None) -> None:
        def declare() -> dict[str, Any]:
            return {"label": post.label, "label_en": post.label_en, "role": post.role,
                    "organisation": post.organisation}

        draft.record("posts", f"post:{post.id}", {"id": post.id}, quote, declare, post.short)
        if region is not None and post.organisation != region.pemda:
            self.agency(draft, region, post.organisation, quote)

    def holding(self, draft: Draft, person: Person, post_id: str, day: dt.date, quote: str,
                acting: str | None = None, inferred: str | None = None,
                appointed_by: str | None = None) -> None:
        base: dict[str, Any] = {"person": person.id, "post": post_id, "attested_on": day}
        if acting:
            base["role"] = acting
        if appointed_by:
            base["appointed_by"] = appointed_by
        if inferred:
            base["inferred"] = {"attested_on": inferred}
        draft.record("holdings", f"holding:{person.id}:{post_id}:{day}", base, quote)

    def official(self, region: Region, key: str, day: dt.date) -> tuple[Person, str] | None:
        """Who holds a region's post on a day, and how the article names them ('Bupati X Y')."""
        post = region.posts.get(key)
        term = self.world.holder(post, day) if post else None
        if post is None or term is None or term.person is None:
            return None
        title = post.short
        if key == "head":
            title = f"{'Pj ' if term.acting else ''}{region.head_title} {region.name}"
        return term.person, f"{title} {term.person.with_titles()}"

    def attest(self, draft: Draft, region: Region, key: str, day: dt.date, quote: str,
               inferred: str | None = None) -> None:
        post = region.posts[key]
        term = self.world.holder(post, day)
        assert term is not None
        assert term.person is not None
        self.person(draft, term.person, quote)
        self.post(draft, post, quote, region)
        acting = "pj-bupati" if term.acting and region.kabupaten and key == "head" else None
        self.holding(draft, term.person, post.id, day, quote, acting, inferred)

    def national_event(self, draft: Draft, event: NationalEvent, quote: str, written: str,
                       participants: list[str] = (), details: bool = True) -> None:
        def declare() -> dict[str, Any]:
            data: dict[str, Any] = {
                "label": event.label, "label_en": event.label_en, "programme": PROGRAMME,
                "start": event.start, "end": event.end, "organisers": ["kominfo"],
                "attendance": "online" if event.venue is None else "offline"}
            if event.stage:
                data["stage"] = event.stage
            if event.venue:
                data["venue"] = event.venue
            if event.regions and event.stage:
                data["number_of_participating_regions"] = event.regions
            return data

        record = draft.record("events", f"event:{event.id}",
                              {"id": event.id, "type": list(event.types)}, quote,
                              declare if details else None, written)
        for participant in participants:
            values = record.setdefault("participants", [])
            if participant not in values:
                values.append(participant)

    def venue(self, draft: Draft, venue_id: str, quote: str) -> None:
        label = self.world.venues[venue_id]
        code = next((v[2] for v in VENUES if v[0] == venue_id), None)
        draft.record("places", f"place:{venue_id}", {"id": venue_id}, quote,
                     lambda: {"type": "Venue", "label": label, "in_region": code}, label)

    def place(self, draft: Draft, place: Place, quote: str, inferred: bool = False) -> None:
        def declare() -> dict[str, Any]:
            data: dict[str, Any] = {"type": place.type, "label": place.label,
                                    "in_region": place.region}
            if inferred:
                data["inferred"] = {"in_region": {
                    "en": "The article names the place without saying which region it is in; "
                          "it is read as the region the article is about.",
                    "id": "Artikel menyebut tempat itu tanpa menyebut daerahnya; dibaca sebagai "
                          "daerah yang diberitakan."}}
            return data

        draft.record("places", f"place:{place.id}", {"id": place.id}, quote, declare,
                     place.label)

    def innovation(self, draft: Draft, region: Region, innovation: Innovation, quote: str,
                   written: str, presented_at: str | None = None,
                   dimension_stated: bool = True, run_by: str | None = None) -> None:
        """An innovation; `run_by` is the sentence naming the agency that runs it, if any."""
        def declare() -> dict[str, Any]:
            data: dict[str, Any] = {"dimension": innovation.dimension, "year": innovation.year}
            if innovation.label_en:
                data["label_en"] = innovation.label_en
            if innovation.expansion:
                data["expansion"] = innovation.expansion
            if innovation.description:
                data["description"] = innovation.description
            if innovation.site:
                data["site"] = innovation.site
            if not dimension_stated:
                dimension = DIMENSION_EN[innovation.dimension]
                data["inferred"] = {"dimension": {
                    "en": f"The article names no dimension; {innovation.label_en.lower()} "
                          f"belongs to {dimension}.",
                    "id": f"Artikel tidak menyebut dimensi; {innovation.label} termasuk "
                          f"{dimension}."}}
            return data

        base = {"id": innovation.id, "label": innovation.label, "region": region.code}
        if innovation.quick_win:
            base["quick_win"] = True
        record = draft.record("innovations", f"innovation:{innovation.id}", base, quote,
                              None if innovation.real else declare, written)
        if presented_at and presented_at not in record.setdefault("presented_at", []):
            record["presented_at"].append(presented_at)
        if f"innovation:{innovation.id}" in draft.declared and innovation.site:
            site = next(s for s in region.sites if s.id == innovation.site)
            self.place(draft, site, quote, inferred=True)
        if run_by and innovation.agency and not innovation.real:
            record["implemented_by"] = [innovation.agency]
            if run_by not in record["quotes"]:
                record["quotes"].append(run_by)
            name = self.agency_names(innovation.agency)[0]
            self.agency(draft, region, innovation.agency, run_by, f"{name} {region.area.label}")

    def spelling(self, rng: random.Random, innovation: Innovation) -> str:
        """The name as an article writes it: case, e-/E- prefixes, 'aplikasi ...'."""
        label = innovation.label
        options = [label, label, label.lower()]
        if label.startswith("e-"):
            options += ["E-" + label[2:], "e " + label[2:].lower(), "e" + label[2:]]
        if "Wi-Fi" in label:
            options += [label.replace("Wi-Fi", "WiFi"), label.replace("Wi-Fi", "wifi")]
        if "Center" in label:
            options.append(label.replace("Center", "Centre"))
        if innovation.expansion:
            options.append(f"{label} ({innovation.expansion})")
        if innovation.kind and innovation.kind.agency == "dinas-kominfo":
            options.append(f"aplikasi {label}")
        if len(label) <= 16:
            options.append(label.upper())
        return rng.choice(options)

    def present(self, draft: Draft, region: Region, innovations: list[Innovation],
                rng: random.Random, presented_at: str | None, subject: str) -> None:
        """One sentence per innovation, in the ways articles list them."""
        for innovation in innovations:
            written = self.spelling(rng, innovation)
            dimension = rng.choice(DIMENSIONS[innovation.dimension])
            what = (innovation.description or "").rstrip(".")
            what = what[0].lower() + what[1:] if what else "inovasi andalan daerah"
            style = rng.randrange(4)
            if style == 0:
                text = f"Pada dimensi {dimension}, {subject} menampilkan inovasi {written} yang " \
                       f"merupakan {what}."
            elif style == 1:
                text = f"Untuk {dimension}, ada {written}, yaitu {what}."
            elif style == 2:
                text = f"Inovasi lain yang dipaparkan adalah {written}, {what}."
            else:
                text = f"Lalu ada {dimension} dengan inovasi {written} ({what})."
            quote = draft.say(text)
            self.innovation(draft, region, innovation, quote, written, presented_at,
                            dimension_stated=style != 2)

    # ------------------------------------------------------------------ article kinds

    def _evaluation(self, draft: Draft, region: Region, plan: Plan, rng: random.Random,
                    tag: str) -> tuple[str, dt.date]:
        event = self.world.events[f"{plan.year}/evaluasi-{plan.detail}"]
        session_id = f"{event.id}/{region.code}"
        day = region.sessions[event.id]
        written = rng.choice(event.written)
        roman = "I" if plan.detail == "tahap-i" else "II"
        pemda_written = rng.choice((region.pemda_long, region.pemda_short))
        named_in_event = next((name for name in ("Program Kota Cerdas (Smart City)",
                                                 "Gerakan Menuju Smart City") if name in written),
                              None)
        if named_in_event:
            programme_written = named_in_event
            lead = draft.say(f"{tag}{pemda_written} mengikuti {written} tahun {plan.year}, "
                             f"{hari(day)}.")
        else:
            programme_written = rng.choice(
                ("Gerakan Menuju 100 Smart City", "program smart city") if plan.year <= 2019
                else ("Program Kota Cerdas (Smart City)", "program smart city",
                      "Gerakan Menuju Kota Cerdas"))
            lead = draft.say(f"{tag}{pemda_written} mengikuti {written} tahun {plan.year} "
                             f"dalam rangka {programme_written}, {hari(day)}.")
        self.programme(draft, lead, programme_written)
        self.org(draft, region.pemda, lead, pemda_written)
        draft.record("participations", f"participation:{region.code}",
                     {"programme": PROGRAMME, "region": region.code}, lead)
        presenter = self.official(region, rng.choice(("head", "head", "deputy", "sekda")),
                                  day) or self.official(region, "head", day)
        assert presenter is not None
        person, named = presenter
        key = next(k for k, p in region.posts.items()
                   if (t := self.world.holder(p, day)) and t.person == person)
        online = event.venue is None
        where = (f" secara daring dari {region.meeting_room.label}" if online and
                 region.meeting_room else "")
        said = draft.say(f"{named} memaparkan capaian smart city {region.area.label} di hadapan "
                         f"tim evaluator{where}.")
        self.attest(draft, region, key, day, said)
        evaluators = rng.sample(self.world.evaluators, rng.randint(2, 4))
        listed = listing([e.with_titles() for e in evaluators])
        evaluated = draft.say(f"Evaluasi dilakukan oleh {len(evaluators)} evaluator yang "
                              f"ditunjuk Kementerian Kominfo, yaitu {listed}.")
        self.org(draft, "kominfo", evaluated, "Kementerian Kominfo")
        # Appointed by the ministry, not its staff: the post is the programme's, in no
        # organisation (as in graph/sources/2024-langkat-evaluasi-tahap-i.yaml).
        evaluator_post = "kota-cerdas/evaluator"
        draft.record("posts", f"post:{evaluator_post}", {"id": evaluator_post}, evaluated,
                     lambda: {"label": "Evaluator Program Kota Cerdas", "role": "evaluator"},
                     "evaluator")
        for evaluator in evaluators:
            self.person(draft, evaluator, evaluated)
            self.holding(draft, evaluator, evaluator_post, day, evaluated,
                         appointed_by="kominfo")
        session = draft.record(
            "events", f"event:{session_id}", {"id": session_id, "type": ["Evaluation"]}, lead,
            lambda: {
                "label": f"Paparan {region.area.label}, Evaluasi Tahap {roman} {plan.year}",
                "label_en": f"Presentation of {region.area.label_en}, Stage {roman} evaluation "
                            f"{plan.year}",
                "part_of": event.id, "programme": PROGRAMME, "stage": plan.detail,
                "start": day, "end": day, "participants": [f"org:{region.pemda}"],
                "number_of_evaluators": len(evaluators),
                **({"venue": region.meeting_room.id, "attendance": "online"}
                   if online and region.meeting_room else {}),
            }, written)
        declared_session = f"event:{session_id}" in draft.declared
        if declared_session:
            session["quotes"] += [said, evaluated]
            session["presenters"] = [f"person:{person.id}"]
            session["evaluators"] = [f"person:{e.id}" for e in evaluators]
            if online and region.meeting_room:
                self.place(draft, region.meeting_room, said)
        # Who came along.
        companions = [k for k in ("sekda", "kominfo", "bappeda") if k != key]
        chosen = rng.sample(companions, rng.randint(1, len(companions)))
        named_companions = []
        for companion in chosen:
            found = self.official(region, companion, day)
            if found:
                named_companions.append((companion, found))
        if named_companions:
            text = listing([named for _, (_, named) in named_companions])
            came = draft.say(f"Turut mendampingi, {text}, serta perwakilan perangkat daerah.")
            for companion, (companion_person, _) in named_companions:
                self.attest(draft, region, companion, day, came)
                if declared_session:
                    session["participants"].append(f"person:{companion_person.id}")
            if declared_session:
                session["quotes"].append(came)
        # The innovations presented.
        ready = [i for i in region.innovations if i.year <= plan.year]
        shown = rng.sample(ready, min(len(ready), rng.randint(3, 6)))
        subject = rng.choice((region.pemda_short, region.area.label, "pemerintah daerah"))
        self.present(draft, region, shown, rng, session_id, subject)
        if rng.random() < 0.5 and region.cohort:
            plan_said = draft.say(f"Menurut {named}, pelaksanaan program mengacu pada masterplan "
                                  f"smart city yang disusun pada tahun {region.cohort}.")
            self.masterplan(draft, region, plan_said, year=True)
        # The national event.
        declared = f"event:{event.id}" in self.declared
        if not declared or rng.random() < 0.4:
            venue_text = (f" di {self.world.venues[event.venue]}"
                          if event.venue else " secara daring")
            cooperating = rng.sample(COOPERATING, rng.randint(2, 5))
            with_text = listing([name for _, name in cooperating])
            national = draft.say(
                f"Evaluasi tahap {roman} tahun {plan.year} berlangsung "
                f"{span(event.start, event.end)}"
                f"{venue_text}, diikuti {event.regions} kabupaten/kota, dan diselenggarakan "
                f"Kementerian Kominfo bekerja sama dengan {with_text}.")
            self.national_event(draft, event, national, written)
            self.org(draft, "kominfo", national, "Kementerian Kominfo")
            record = draft.records["events"][f"event:{event.id}"]
            if f"event:{event.id}" in draft.declared:
                record["in_cooperation_with"] = [org for org, _ in cooperating]
                if event.venue:
                    self.venue(draft, event.venue, national)
            for org, name in cooperating:
                self.org(draft, org, national, name)
        else:
            self.national_event(draft, event, lead, written)
        title = rng.choice((
            f"{region.pemda_short} Ikuti Evaluasi Smart City Tahap {roman} Tahun {plan.year}",
            f"{region.head_title} {region.name} Paparkan Inovasi Smart City di Hadapan Evaluator",
            f"Evaluasi Kota Cerdas Tahap {roman}, {region.area.label} Unggulkan "
            f"{shown[0].label if shown else 'Enam Dimensi'}",
        ))
        return title, day

    def masterplan(self, draft: Draft, region: Region, quote: str, year: bool,
                   presented_at: str | None = None) -> None:
        known = region.code in self.world.known.masterplans
        base: dict[str, Any] = {"region": region.code}
        if year and not known and region.cohort:
            base["year"] = region.cohort
        record = draft.record("masterplans", f"masterplan:{region.code}", base, quote)
        if presented_at and not known:
            values = record.setdefault("presented_at", [])
            if presented_at not in values:
                values.append(presented_at)

    def _masterplan(self, draft: Draft, region: Region, plan: Plan, rng: random.Random,
                    tag: str) -> tuple[str, dt.date]:
        event = self.world.events[f"{plan.year}/evaluasi-masterplan"]
        session_id = f"{event.id}/{region.code}"
        day = region.sessions[event.id]
        written = rng.choice(event.written)
        pemda_written = rng.choice((region.pemda_long, region.pemda_short))
        presenter_key = rng.choice(("kominfo", "bappeda", "head"))
        person, named = self.official(region, presenter_key, day) or (None, "")
        assert person is not None
        lead = draft.say(f"{tag}{pemda_written} melalui {named} mempresentasikan Masterplan Smart "
                         f"City dalam {written}, {hari(day)}.")
        self.org(draft, region.pemda, lead, pemda_written)
        self.attest(draft, region, presenter_key, day, lead)
        self.masterplan(draft, region, lead, year=False, presented_at=session_id)
        draft.record("events", f"event:{session_id}",
                     {"id": session_id, "type": ["MasterplanEvaluation"]}, lead, lambda: {
                         "label": f"Paparan {region.area.label}, Evaluasi Masterplan Smart City "
                                  f"{plan.year}",
                         "label_en": f"Presentation of {region.area.label_en}, Smart City "
                                     f"Masterplan Evaluation {plan.year}",
                         "part_of": event.id, "programme": PROGRAMME, "start": day, "end": day,
                         "participants": [f"org:{region.pemda}"],
                         "presenters": [f"person:{person.id}"]}, written)
        drafted = draft.say(f"Masterplan tersebut disusun sepanjang tahun {plan.year} bersama tim "
                            f"pendamping dari Kementerian Kominfo dan memuat rencana aksi enam "
                            f"dimensi smart city untuk sepuluh tahun ke depan.")
        self.masterplan(draft, region, drafted, year=True)
        self.org(draft, "kominfo", drafted, "Kementerian Kominfo")
        quick = [i for i in region.innovations if i.quick_win]
        if quick:
            names = listing([i.label for i in quick])
            chosen = draft.say(f"Sebagai program jangka pendek, ditetapkan {len(quick)} quick "
                               f"win, yaitu {names}.")
            self.present(draft, region, quick, rng, session_id,
                         rng.choice((region.pemda_short, "pemerintah daerah")))
            for innovation in quick:
                draft.records["innovations"][f"innovation:{innovation.id}"]["quotes"].insert(
                    0, chosen)
        if f"event:{event.id}" not in self.declared or rng.random() < 0.3:
            venue_text = (f" di {self.world.venues[event.venue]}"
                          if event.venue else " secara daring")
            national = draft.say(f"Evaluasi masterplan berlangsung {span(event.start, event.end)}"
                                 f"{venue_text} dan diikuti seluruh daerah peserta tahun "
                                 f"{plan.year}.")
            self.national_event(draft, event, national, written)
            if f"event:{event.id}" in draft.declared and event.venue:
                self.venue(draft, event.venue, national)
            self.org(draft, "kominfo", national)
        else:
            self.national_event(draft, event, lead, written)
        return (f"{region.pemda_short} Paparkan Masterplan Smart City {plan.year}", day)

    def _mou(self, draft: Draft, region: Region, plan: Plan, rng: random.Random,
             tag: str) -> tuple[str, dt.date]:
        year = plan.year
        opening = self.world.events[f"{year}/opening"]
        day = opening.start
        hundred = year <= 2019
        movement = "Gerakan Menuju 100 Smart City" if hundred else "Gerakan Menuju Kota Cerdas"
        head = self.official(region, "head", day)
        assert head is not None
        person, named = head
        lead = draft.say(f"{tag}{named} menandatangani nota kesepahaman {movement} dengan "
                         f"Kementerian Komunikasi dan Informatika di acara "
                         f"{rng.choice(opening.written)}, {hari(day)}.")
        self.programme(draft, lead, movement)
        self.attest(draft, region, "head", day, lead)
        self.org(draft, "kominfo", lead, "Kementerian Komunikasi dan Informatika")
        mou_id = f"{region.code}/nota-kesepahaman-{year}"
        mou_written = "nota kesepahaman"
        draft.record("legal_instruments", f"legal:{mou_id}",
                     {"id": mou_id, "type": "MemorandumOfUnderstanding"}, lead, lambda: {
                         "label": f"Nota Kesepahaman {movement} antara Kementerian Kominfo dan "
                                  f"{region.pemda_long}",
                         "label_en": f"Memorandum of understanding on the smart city programme "
                                     f"between the Ministry of Communication and Informatics "
                                     f"and {region.area.label_en}",
                         "year": year, "parties": ["org:kominfo", f"org:{region.pemda}"],
                         "signatories": [person.id], "signed_on": day,
                         "signed_at": opening.id, "subject": PROGRAMME}, mou_written)
        self.org(draft, region.pemda, lead)
        cohort_size = COHORTS[year]
        cumulative = sum(n for y, n in COHORTS.items() if y <= year)
        phase = {2017: "tahap pertama", 2018: "tahap kedua", 2019: "tahap ketiga"}.get(year)
        joined = draft.say(
            f"Dengan penandatanganan ini, {region.area.label} resmi menjadi salah satu dari "
            f"{cohort_size} kabupaten/kota peserta {movement}"
            f"{' ' + phase if phase else ''} tahun {year}, sehingga total peserta menjadi "
            f"{cumulative} kabupaten/kota.")
        participation: dict[str, Any] = {"programme": PROGRAMME, "region": region.code,
                                         "cohort": year}
        if phase:
            participation["phase_label"] = phase
        draft.record("participations", f"participation:{region.code}", participation, joined)
        draft.record("cohorts", f"cohort:{year}", {
            "programme": PROGRAMME, "year": year, "number_of_regions": cohort_size,
            "cumulative_number_of_regions": cumulative}, joined)
        venue_name = self.world.venues.get(opening.venue or "")
        opened = draft.say(f"Acara {rng.choice(opening.written)} digelar di "
                           f"{venue_name or 'Jakarta'} pada {tanggal(day)} oleh Kementerian "
                           f"Kominfo.")
        self.national_event(draft, opening, opened, rng.choice(opening.written),
                            participants=[f"org:{region.pemda}", f"person:{person.id}"])
        if f"event:{opening.id}" in draft.declared and opening.venue:
            self.venue(draft, opening.venue, opened)
        if f"event:{opening.id}" in draft.declared:
            partners = rng.sample(INDUSTRY, rng.randint(2, 4))
            listed = listing([f"{name} sebagai {role}" for _, name, role in partners])
            supported = draft.say(f"Program ini juga melibatkan mitra industri, antara lain "
                                  f"{listed}.")
            for org, name, role in partners:
                self.org(draft, org, supported, name)
                draft.record("partnerships", f"partnership:{year}:{org}:{role}",
                             {"programme": PROGRAMME, "year": year, "partner": org,
                              "role": role}, supported)
        assessment = self.world.events[f"{year}/assessment"]
        criteria = ", ".join(text for _, text in CRITERIA[:-1]) + f", dan {CRITERIA[-1][1]}"
        assessed = draft.say(f"Sebelumnya {region.area.label} telah lolos "
                             f"{rng.choice(assessment.written)} yang digelar "
                             f"{span(assessment.start, assessment.end)}, berdasarkan "
                             f"{criteria}.")
        self.national_event(draft, assessment, assessed, rng.choice(assessment.written),
                            participants=[f"org:{region.pemda}"])
        record = draft.records["events"][f"event:{assessment.id}"]
        record["selection_criteria"] = [criterion for criterion, _ in CRITERIA]
        if f"event:{assessment.id}" in draft.declared and assessment.venue:
            self.venue(draft, assessment.venue, assessed)
        for criterion, text in CRITERIA:
            draft.record("selection_criteria", f"criterion:{criterion}", {"id": criterion},
                         assessed, lambda text=text: {"label": text[0].upper() + text[1:]},
                         written=text)
        title = rng.choice((f"{region.head_title} {region.name} Tandatangani Nota Kesepahaman "
                            f"{movement}",
                            f"{region.area.label} Resmi Bergabung dalam {movement}"))
        return title, day

    def _council(self, draft: Draft, region: Region, plan: Plan, rng: random.Random,
                 tag: str) -> tuple[str, dt.date]:
        assert region.decree is not None
        decree_id, number, year, signed = region.decree
        day = region.meetings[0] if region.meetings else signed
        head_post = region.posts["head"]
        head_term = self.world.holder(head_post, signed)
        assert head_term is not None
        assert head_term.person is not None
        decree_kind = "Surat Keputusan Bupati" if region.kabupaten else "Surat Keputusan Wali Kota"
        council_label = f"Dewan Smart City {region.area.label}"
        lead = draft.say(f"{tag}{region.pemda_long} membentuk {council_label} melalui "
                         f"{decree_kind} {region.name} Nomor {number} Tahun {year} tentang "
                         f"Pembentukan {council_label}.")
        self.org(draft, region.pemda, lead, region.pemda_long)
        self.council(draft, region, lead)
        self.post(draft, head_post, lead, region)
        draft.record("legal_instruments", f"legal:{decree_id}",
                     {"id": decree_id, "type": "RegentDecree"}, lead, lambda: {
                         "label": f"{decree_kind} {region.name} Nomor {number} Tahun {year}",
                         "label_en": f"Decree of the {'Regent' if region.kabupaten else 'Mayor'} "
                                     f"of {region.name} No. {number} of {year}",
                         "title": f"Pembentukan {council_label}", "number": number,
                         "year": year, "issued_by": f"post:{head_post.id}",
                         "jurisdiction": region.code, "establishes": [region.council],
                         "signed_on": signed, "signatories": [head_term.person.id]},
                     f"{decree_kind} Nomor {number} Tahun {year}")
        signed_said = draft.say(f"Surat keputusan itu ditandatangani {head_post.short} "
                                f"{head_term.person.with_titles()} pada {tanggal(signed)}.")
        self.attest(draft, region, "head", signed, signed_said)
        draft.records["legal_instruments"][f"legal:{decree_id}"]["quotes"].append(signed_said)
        self.meeting_sentences(draft, region, day, rng)
        return (f"{region.pemda_short} Bentuk Dewan Smart City", day)

    def council(self, draft: Draft, region: Region, quote: str) -> None:
        draft.record("organisations", f"org:{region.council}", {"id": region.council}, quote,
                     lambda: {"type": "SmartCityCouncil",
                              "label": f"Dewan Smart City {region.area.label}",
                              "label_en": f"Smart City Council of {region.area.label_en}",
                              "council_of": region.pemda,
                              "description": "Memberikan masukan, dukungan, monitoring dan "
                                             "evaluasi pelaksanaan smart city."},
                     "Dewan Smart City")

    def _meeting(self, draft: Draft, region: Region, plan: Plan, rng: random.Random,
                 tag: str) -> tuple[str, dt.date]:
        day = dt.date.fromisoformat(plan.detail)
        lead = draft.say(f"{tag}{region.pemda_long} menggelar Rapat Dewan Smart City "
                         f"{region.area.label}, {hari(day)}.")
        self.org(draft, region.pemda, lead, region.pemda_long)
        self.meeting_sentences(draft, region, day, rng, lead)
        return (f"Rapat Dewan Smart City {region.name} Bahas Evaluasi Kota Cerdas {day.year}",
                day)

    def meeting_sentences(self, draft: Draft, region: Region, day: dt.date,
                          rng: random.Random, lead: str | None = None) -> None:
        meeting_id = f"{day.year}/rapat-dewan-smart-city/{region.code}"
        room = region.meeting_room
        assert room is not None
        held = lead or draft.say(f"Rapat perdana Dewan Smart City digelar di {room.label}, "
                                 f"{hari(day)}.")
        if lead is not None:
            held = draft.say(f"Rapat berlangsung di {room.label} dan diikuti pimpinan OPD, "
                             f"BUMD serta sektor swasta.")
        self.council(draft, region, held)
        self.place(draft, room, held)
        keys = [k for k in ("head", "sekda", "kominfo", "bappeda") if region.posts.get(k)]
        present = rng.sample(keys, rng.randint(2, len(keys)))
        names = [found[1] for k in present if (found := self.official(region, k, day))]
        came = draft.say(f"Hadir dalam rapat itu {listing(names)}.")
        for key in present:
            self.attest(draft, region, key, day, came)
        expert = rng.choice(self.world.experts)
        expert_post = "direktorat-layanan-aplikasi-informatika/tenaga-ahli"
        advised = draft.say(f"Rapat juga menghadirkan narasumber dari Kementerian Kominfo, "
                            f"{expert.with_titles()} (tenaga ahli), secara daring.")
        self.person(draft, expert, advised)
        draft.record("posts", f"post:{expert_post}", {"id": expert_post}, advised,
                     lambda: {"label": "Tenaga Ahli Direktorat Layanan Aplikasi Informatika",
                              "role": "tenaga-ahli",
                              "organisation": "direktorat-layanan-aplikasi-informatika"},
                     "tenaga ahli")
        self.holding(draft, expert, expert_post, day, advised)
        self.org(draft, "kominfo", advised, "Kementerian Kominfo")
        participants = [f"org:{region.council}"]
        for key in present:
            term = self.world.holder(region.posts[key], day)
            if term and term.person:
                participants.append(f"person:{term.person.id}")
        draft.record("events", f"event:{meeting_id}",
                     {"id": meeting_id, "type": ["CouncilMeeting"]}, held, lambda: {
                         "label": f"Rapat Dewan Smart City {region.area.label}, {tanggal(day)}",
                         "label_en": f"Meeting of the Smart City Council of "
                                     f"{region.area.label_en}, {date_en(day)}",
                         "programme": PROGRAMME, "start": day, "end": day, "venue": room.id,
                         "attendance": "mixed", "organisers": [region.pemda],
                         "participants": participants,
                         "resource_persons": [f"person:{expert.id}"]},
                     "Rapat Dewan Smart City")
        record = draft.records["events"][f"event:{meeting_id}"]
        if f"event:{meeting_id}" in draft.declared:
            record["quotes"] += [came, advised]

    def _feature(self, draft: Draft, region: Region, plan: Plan, rng: random.Random,
                 tag: str) -> tuple[str, dt.date]:
        innovation = next(i for i in region.innovations if i.id == plan.detail)
        day = workday(dt.date(plan.year, rng.randint(1, 12), rng.randint(1, 28)))
        written = self.spelling(rng, innovation)
        head = self.official(region, "head", day)
        assert head is not None
        verb = rng.choice(("meluncurkan", "meresmikan", "memperkenalkan"))
        lead = draft.say(f"{tag}{head[1]} {verb} inovasi {written}, {hari(day)}.")
        self.attest(draft, region, "head", day, lead)
        what = (innovation.description or "").rstrip(".")
        dimension = rng.choice(DIMENSIONS[innovation.dimension])
        described = draft.say(f"Inovasi {written} merupakan {what[0].lower() + what[1:]} dan "
                              f"menjadi bagian dari dimensi {dimension} dalam program smart "
                              f"city.")
        run = None
        if innovation.agency:
            name = self.agency_names(innovation.agency)[0]
            run = draft.say(f"Inovasi ini dikelola oleh {name} {region.area.label} dan dapat "
                            f"dimanfaatkan seluruh masyarakat.")
        self.innovation(draft, region, innovation, described, written, run_by=run)
        draft.records["innovations"][f"innovation:{innovation.id}"]["quotes"].insert(0, lead)
        if region.cohort and region.cohort <= plan.year:
            joined = draft.say(f"{region.area.label} merupakan peserta Gerakan Menuju Kota "
                               f"Cerdas sejak tahun {region.cohort}.")
            draft.record("participations", f"participation:{region.code}",
                         {"programme": PROGRAMME, "region": region.code}, joined)
            self.programme(draft, joined, "Gerakan Menuju Kota Cerdas")
        return (f"{region.head_title} {region.name} {verb.capitalize()} {innovation.label}", day)

    def _award(self, draft: Draft, region: Region, plan: Plan, rng: random.Random,
               tag: str) -> tuple[str, dt.date]:
        award = next(a for a in self.world.awards if a.id == plan.detail)
        innovation = next(i for i in region.innovations if i.id == award.innovation)
        day = workday(dt.date(award.year, 12, rng.randint(1, 20)))
        dimension = DIMENSION_EN[award.dimension]
        written = self.spelling(rng, innovation)
        pemda_written = rng.choice((region.pemda_short, region.pemda_long))
        lead = draft.say(f"{tag}{pemda_written} meraih penghargaan Kota Cerdas tahun "
                         f"{award.year} pada dimensi {dimension} berkat inovasi {written}.")
        self.org(draft, region.pemda, lead, pemda_written)
        self.programme(draft, lead, "Kota Cerdas")
        draft.record("awards", f"award:{award.id}",
                     {"id": award.id, "recipient": f"org:{region.pemda}"}, lead, lambda: {
                         "label": f"Penghargaan Dimensi {dimension} {award.year}, "
                                  f"{region.area.label}",
                         "label_en": f"{dimension} dimension award {award.year}, "
                                     f"{region.area.label_en}",
                         "programme": PROGRAMME, "year": award.year,
                         "dimension": award.dimension, "awarded_for": innovation.id},
                     f"penghargaan Kota Cerdas tahun {award.year}")
        self.innovation(draft, region, innovation, lead, written)
        head = self.official(region, "head", day)
        assert head is not None
        received = draft.say(f"Penghargaan diterima langsung oleh {head[1]} dari Kementerian "
                             f"Kominfo pada {tanggal(day)}.")
        self.attest(draft, region, "head", day, received)
        self.org(draft, "kominfo", received, "Kementerian Kominfo")
        draft.records["awards"][f"award:{award.id}"]["quotes"].append(received)
        return (f"{region.pemda_short} Raih Penghargaan {dimension} {award.year}", day)

    def _coverage(self, draft: Draft, region: Region, plan: Plan, rng: random.Random,
                  tag: str) -> tuple[str, dt.date]:
        innovation = next(i for i in region.innovations if i.id == plan.detail)
        day = workday(dt.date(plan.year, rng.randint(1, 12), rng.randint(1, 28)))
        key = rng.choice(("head", "sekda", "kominfo"))
        found = self.official(region, key, day)
        if found is None:
            key, found = "head", self.official(region, "head", day)
        assert found is not None
        written = self.spelling(rng, innovation)
        verb = rng.choice(("meninjau pelaksanaan", "mengevaluasi", "mendorong pemanfaatan"))
        lead = draft.say(f"{tag}{found[1]} {verb} {written} di {region.area.label}, "
                         f"{hari(day)}.")
        self.attest(draft, region, key, day, lead)
        self.innovation(draft, region, innovation, lead, written)
        others = [i for i in region.innovations if i.id != innovation.id and i.year <= plan.year]
        if others:
            more = rng.sample(others, min(len(others), rng.randint(1, 3)))
            self.present(draft, region, more, rng, None,
                         rng.choice((region.pemda_short, "pemerintah daerah")))
        return (rng.choice((f"{region.pemda_short} Dorong Pemanfaatan {innovation.label}",
                            f"Inovasi {innovation.label} Terus Dikembangkan",
                            f"Inovasi {innovation.label} Jadi Andalan {region.area.label}")),
                day)


# ---------------------------------------------------------------------------- entry points


def synthetic_sources(seed: int, real: Iterable[SourceFile]) -> Iterator[LoadedSource]:
    """Synthetic articles without end, consistent with the real sources given."""
    writer = Writer(World(seed, Known.of(real)))
    for model in writer.articles():
        assert model.article is not None
        yield LoadedSource(path=Path("synth") / f"{model.article.id}.yaml", model=model)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: with millions of rdflib nodes alive, its full
    collections (triggered by allocation counts) roughly double the time of bulk loading."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class TripleCounter:
    """How many triples the built union will have, counted while articles are generated.

    The triples each article maps to (its named graph) are counted exactly, with the
    superclass types the build adds to them (graph/supertypes.py); the triples the build
    derives afterwards are estimated the way it makes them: a derived label per language for
    each unlabelled participation, masterplan, post holding, partnership and inferred
    statement (graph/labels.py), and an eight-triple category suggestion (two labels and its
    superclass type among them) per suggested category of each new innovation
    (graph/categories.py).
    """

    UNLABELLED = (KC.Participation, KC.Masterplan, KC.PostHolding, KC.Partnership,
                  KC.InferredStatement)
    COUNTED = (*UNLABELLED, KC.Innovation, KC.QuickWin)

    def __init__(self, union: Graph, closure: Mapping[URIRef, frozenset[URIRef]]) -> None:
        self.closure = closure
        self.seen: set[tuple[Node, Node, Node]] = set(union)
        self.nodes = {s for kind in self.COUNTED for s in union.subjects(RDF.type, kind)}
        self.derived = 0
        self.suggester = Suggester(load_categories(CATEGORIES_PATH))
        self.suggesting = any(True for _ in union.subjects(RDF.type, PROV.Activity))

    def __len__(self) -> int:
        return len(self.seen) + self.derived

    def add(self, graph: Graph, innovations: dict[str, Innovation], base: str) -> None:
        self.seen.update(graph)
        self.seen.update(supertype_triples(graph, self.closure))
        for node, kind in graph.subject_objects(RDF.type):
            if kind not in self.COUNTED or node in self.nodes:
                continue
            self.nodes.add(node)
            if kind in self.UNLABELLED:
                self.derived += 2
                continue
            innovation = innovations.get(str(node)[len(base) + len("innovation/"):])
            if innovation is not None:
                found = self.suggester.suggest(innovation.label, innovation.expansion,
                                               innovation.description)
                if found and not self.suggesting:
                    self.suggesting = True
                    self.derived += 2  # the suggester's prov:Activity and its label, once
                self.derived += 8 * len(found)


@dataclass
class Synthesis:
    assembled: Assembled
    articles: int  # synthetic articles in it
    triples: int  # in the union
    seconds: dict[str, float]  # time taken by each step


def synthesize(min_triples: int, seed: int = 1, iris: Iris | None = None,
               run_validation: bool = True,
               progress: Callable[[str], None] | None = None) -> Synthesis:
    """The real graph plus synthetic articles, until the union has at least `min_triples`.

    Articles are mapped as they are generated, to count the triples they add
    (`TripleCounter`); the whole graph is then assembled as a normal build does (references
    checked, labels and categories derived), reusing those mapped graphs, and its size
    checked: if the estimate was short, more articles are added and the graph assembled
    again. SHACL validation is optional: pySHACL takes many minutes on a million triples.
    The garbage collector is paused throughout (`gc_paused`). `progress` is told each step.
    """
    iris = iris or Iris()
    say = progress or (lambda message: None)
    seconds: dict[str, float] = {}
    with gc_paused():
        start = time.perf_counter()
        real = assemble(iris=iris, run_validation=False)
        counter = TripleCounter(real.union(), superclass_closure(
            real.dataset.graph(iris.graph("ontology"))))
        writer = Writer(World(seed, Known.of(source.model for source in real.sources)))
        innovations = {i.id: i for region in writer.world.regions.values()
                       for i in region.innovations}
        stream = writer.articles()
        articles: list[LoadedSource] = []
        mapped: dict[str, Mapped] = {}  # by source path, until assembled

        def reuse(iris: Iris, source: LoadedSource, graph_iri: URIRef) -> Mapped:
            done = mapped.pop(str(source.path), None)
            return done if done is not None else map_source(iris, source, graph_iri)

        needed = min_triples
        while True:
            while len(counter) < needed:
                model = next(stream)
                assert model.article is not None
                source = LoadedSource(path=Path("synth") / f"{model.article.id}.yaml",
                                      model=model)
                result = map_source(iris, source, iris.graph("article", model.article.id))
                counter.add(result.graph, innovations, iris.base)
                mapped[str(source.path)] = result
                articles.append(source)
            seconds["generate"] = time.perf_counter() - start
            say(f"generated {len(articles)} articles (about {len(counter)} triples) in "
                f"{seconds['generate']:.1f} s; assembling")
            assembled = assemble(iris=iris, run_validation=False, extra_sources=articles,
                                 mapper=reuse)
            triples = len({(s, p, o) for s, p, o, _ in assembled.dataset.quads()})
            seconds["assemble"] = time.perf_counter() - start - seconds["generate"]
            say(f"assembled {triples} triples in {seconds['assemble']:.1f} s")
            if triples >= min_triples:
                break
            needed = len(counter) + min_triples - triples  # the estimate was short
        if run_validation:
            say("validating")
            started = time.perf_counter()
            assembled.report = validate(assembled.union(), load_shapes(), assembled.locations)
            seconds["validate"] = time.perf_counter() - started
    return Synthesis(assembled, len(articles), triples, seconds)


# ---------------------------------------------------------------------------- command


SYNTH_VALIDATE_UP_TO = 200_000  # pySHACL takes minutes on a million triples


@click.command()
@click.option("--triples", type=click.IntRange(min=1), required=True,
              help="Add synthetic articles until the graph has at least this many triples.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder of the dumps.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Seed of the generator: the same seed gives the same dumps.")
@click.option("--validate/--no-validate", default=None,
              help=f"Run the SHACL shapes. Default: only up to {SYNTH_VALIDATE_UP_TO} triples.")
@click.option("--formats", default=None, metavar="LIST",
              help="Data dumps to write, comma-separated, of nq,trig,nt,ttl,jsonld (nq always). "
                   f"Default: all up to {SYNTH_VALIDATE_UP_TO} triples, else nq,nt (what the "
                   "server loads; rdflib's TriG, Turtle and JSON-LD writers take many minutes "
                   "on a million triples).")
@base_option
def synth(triples: int, out: Path, seed: int, validate: bool | None, formats: str | None,
          base: str) -> None:
    """Write the dumps of a large synthetic graph (the real one plus made-up articles)."""
    started = time.perf_counter()
    run_validation = validate if validate is not None else triples <= SYNTH_VALIDATE_UP_TO
    if formats is None:
        chosen = list(DUMP_FORMATS) if triples <= SYNTH_VALIDATE_UP_TO else ["nq", "nt"]
    else:
        chosen = [f.strip() for f in formats.split(",") if f.strip()]
        if unknown := [f for f in chosen if f not in DUMP_FORMATS]:
            raise click.BadParameter(f"unknown format {', '.join(unknown)}; choose from "
                                     f"{', '.join(DUMP_FORMATS)}", param_hint="--formats")
    try:
        synthesis = synthesize(triples, seed, iris_from_option(base), run_validation,
                               progress=lambda message: click.echo(message, err=True))
    except BuildError as error:
        click.echo(f"Synthesis failed; the dumps in {out}/ are unchanged.\n{error}", err=True)
        sys.exit(2)
    assembled = synthesis.assembled
    if assembled.report is not None and not assembled.report.conforms:
        click.echo(assembled.report.text(), err=True)
        click.echo(f"Synthesis failed: the graph breaks the SHACL shapes; the dumps in {out}/ "
                   "are unchanged.", err=True)
        sys.exit(1)
    write_started = time.perf_counter()
    click.echo(f"writing {', '.join(chosen)} dumps to {out}/", err=True)
    with gc_paused():
        files = publish(assembled, out, chosen)
    seconds = {**synthesis.seconds, "write": time.perf_counter() - write_started}
    shacl = "conforms" if assembled.report is not None else "not run"
    real = len(assembled.article_graphs()) - synthesis.articles
    click.echo(f"Synthesised {synthesis.triples} triples in {time.perf_counter() - started:.1f} "
               f"s: {synthesis.articles} synthetic and {real} real article graphs, seed {seed}; "
               f"SHACL: {shacl}.")
    click.echo("  time: " + ", ".join(f"{step} {value:.1f} s" for step, value in seconds.items()))
    for name, info in files.items():
        click.echo(f"  {out / name}  ({info['bytes']} bytes)")


if __name__ == "__main__":
    synth()
