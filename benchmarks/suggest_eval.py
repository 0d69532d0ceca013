"""How well the category suggester (graph/suggest.py) ranks categories: top-1/top-3
accuracy on the curated links (leave one out), on the synthetic innovations of
benchmarks/synth.py (true category = their kind) and on hand-written names. See
docs/categories.md; tests/test_suggest.py holds the floors."""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kotacerdas.graph.suggest import (
    Category,
    Curation,
    InnovationText,
    Suggester,
    load_categories,
    load_curation,
    stemmer_name,
)


def real_innovations(sources_dir: Path | None = None) -> dict[str, InnovationText]:
    """The innovations of the real source files, by id."""
    from kotacerdas.graph.build import default_sources_dir, load_all, source_files

    found = {}
    for source in load_all(source_files(sources_dir or default_sources_dir())):
        for innovation in source.model.innovations:
            found[innovation.id] = InnovationText(innovation.label, innovation.expansion,
                                                  innovation.description, innovation.id)
    return found


@dataclass(frozen=True)
class SyntheticCase:
    text: InnovationText  # label, expansion and description as the synthetic graph has them
    written: str  # the name as one synthetic article spells it ("e sptpd", "aplikasi ...")
    kind: str  # the synth kind key, which is the category slug


def synthetic_innovations(seed: int = 1, sources_dir: Path | None = None) -> list[SyntheticCase]:
    """Every synthetic innovation of the world graph/synth.py makes for `seed`, with its kind."""
    from benchmarks.synth import Known, World, Writer
    from kotacerdas.graph.build import default_sources_dir, load_all, source_files

    real = [s.model for s in load_all(source_files(sources_dir or default_sources_dir()))]
    world = World(seed, Known.of(real))
    writer = Writer(world)
    rng = random.Random(f"{seed}:suggest-evaluation")
    cases = []
    for region in world.regions.values():
        for innovation in region.innovations:
            if innovation.kind is None:
                continue
            cases.append(SyntheticCase(
                InnovationText(innovation.label, innovation.expansion, innovation.description,
                               innovation.id),
                writer.spelling(rng, innovation), innovation.kind.key))
    return cases


# Hand-written names of innovations of the kind regions report, written after the scheme was
# and never used to tune it: (name, expansion, the categories that would be right). The last
# ones fit no category and should get no suggestion.
HAND_WRITTEN: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (
    ("SIMPATDA", "Sistem Informasi Manajemen Pendapatan Daerah",
     ("pajak-dan-retribusi-daerah", "e-sptpd")),
    ("Lapor Mas Wali", None, ("pengaduan",)),
    ("Sambat Online", None, ("pengaduan",)),
    ("e-Lampid", "Layanan Elektronik Pencatatan Kelahiran, Kematian, Perpindahan dan Kedatangan",
     ("adminduk-online",)),
    ("Bank Sampah Induk Gesit", None, ("bank-sampah",)),
    ("Pasar Rakyat Online", None, ("umkm-online",)),
    ("Wifi Gratis di Alun-Alun", None, ("wifi-publik",)),
    ("Ojek Sampah", None, ("jemput-sampah",)),
    ("Rumah Kompos Kelurahan", None, ("tps3r",)),
    ("Pemanfaatan Sampah Plastik menjadi Paving Block", None, ("pengolahan-limbah",)),
    ("Sistem Peringatan Dini Longsor", None, ("ews-banjir", "keselamatan-dan-kedaruratan")),
    ("Izin Mendirikan Bangunan Online", None, ("perizinan-online",)),
    ("SIPP", "Sistem Informasi Perizinan dan Penanaman Modal", ("perizinan-online",)),
    ("Antrean Online Rumah Sakit Daerah", None, ("puskesmas-online", "kesehatan")),
    ("Pusat Panggilan Darurat Bebas Pulsa", None, ("call-center-112",)),
    ("Kampung Wisata Batik", None, ("destinasi-wisata",)),
    ("Festival Danau Toba", None, ("festival",)),
    ("Museum Digital Sejarah Kota", None, ("museum",)),
    ("Kopi Khas Gayo", None, ("produk-khas-daerah",)),
    ("Tenun Ikat Sikka Go Internasional", None, ("produk-khas-daerah",)),
    ("Gerai UMKM Digital", None, ("umkm-online", "galeri-produk")),
    ("Sistem Informasi Harga Komoditas", None, ("harga-pangan",)),
    ("Portal Open Data", None, ("satu-data",)),
    ("Integrated Operation Center", None, ("command-center",)),
    ("Sistem Informasi Kepegawaian Online", None, ("e-kinerja", "layanan-pemerintahan-digital")),
    ("Tanda Tangan Digital Dokumen Dinas", None, ("tanda-tangan-elektronik",)),
    ("Desa Online Mandiri", None, ("kampung-digital",)),
    ("Pelatihan Internet Sehat untuk Pelajar", None, ("literasi-digital",)),
    ("Pustaka Keliling Digital", None, ("perpustakaan-digital",)),
    ("Kembali ke Sekolah", "Program bagi Anak Putus Sekolah", ("pendidikan-anak-putus-sekolah",)),
    ("Sekolah Aman Bebas Perundungan", None, ("sekolah-ramah-anak",)),
    ("Pendaftaran Beasiswa Mahasiswa Berprestasi", None, ("beasiswa-online",)),
    ("Traffic Light Pintar", None, ("atcs",)),
    ("Kamera Pemantau Jalan Raya", None, ("cctv-publik",)),
    ("Ambulans Kelurahan Siaga", None, ("ambulans-gratis",)),
    ("Pemantau Polusi Udara Real Time", None, ("kualitas-udara",)),
    ("Desa Proklim Lestari", None, ("kampung-iklim",)),
    ("Pembayaran Retribusi Parkir dengan QRIS", None, ("e-retribusi", "non-tunai")),
    ("Bayar PBB lewat Minimarket", None, ("e-pbb",)),
    ("Job Fair Virtual", None, ("bursa-kerja",)),
    ("Lowongan Kerja Online Disnaker", None, ("bursa-kerja",)),
    ("Gedung Pelayanan Terpadu Satu Atap", None, ("mal-pelayanan-publik",)),
    ("Pengaduan Masyarakat via WhatsApp", None, ("pengaduan",)),
    ("Musrenbang Online", None, ("e-budgeting",)),
    ("SIPD", "Sistem Informasi Pemerintahan Daerah", ("e-budgeting",)),
    ("Rapat Koordinasi Dewan Smart City", None, ()),
    ("Pelantikan Pejabat Eselon", None, ()),
    ("Pembangunan Jembatan Gantung", None, ()),
)


def _accuracy(suggester: Suggester, cases: Sequence[tuple[InnovationText, Sequence[str]]],
              per_case: Callable[[int], Suggester] | None = None) -> dict[str, Any]:
    """Accuracy of the first three suggestions on cases with their right categories.

    top1: the first suggestion is a right one; top3: a right one is among the first three;
    recall3: the share of the right categories among the first three; none: cases with no
    suggestion. Suggestions count only above the suggester's threshold; ranked_top1 and
    ranked_top3 ignore the threshold (ranking alone). Cases with no right category count in
    `negatives` and `negatives_quiet` (those that got no suggestion) only.
    """
    top1 = top3 = ranked1 = ranked3 = none = negatives = quiet = 0
    recall = 0.0
    misses = []
    for number, (text, expected) in enumerate(cases):
        ranked = (per_case(number) if per_case else suggester).suggest_for(
            text, threshold=0.0, limit=3)
        slugs = [s.slug for s in ranked if s.score >= suggester.threshold]
        if not expected:
            negatives += 1
            quiet += not slugs
            continue
        right = set(expected)
        top1 += bool(slugs) and slugs[0] in right
        top3 += bool(right & set(slugs))
        ranked1 += bool(ranked) and ranked[0].slug in right
        ranked3 += any(s.slug in right for s in ranked)
        recall += len(right & set(slugs)) / len(right)
        none += not slugs
        if not slugs or slugs[0] not in right:
            misses.append({"id": text.id or text.name, "expected": list(expected),
                           "suggested": [(s.slug, s.score) for s in ranked]})
    n = len(cases) - negatives

    def share(count: float) -> float | None:
        return round(count / n, 4) if n else None

    result: dict[str, Any] = {
        "n": n, "top1": share(top1), "top3": share(top3), "recall3": share(recall),
        "ranked_top1": share(ranked1), "ranked_top3": share(ranked3), "none": none,
        "misses": misses}
    if negatives:
        result.update(negatives=negatives, negatives_quiet=quiet)
    return result


def evaluate(categories: Sequence[Category] | None = None, curation: Curation | None = None,
             sources_dir: Path | None = None, seed: int = 1,
             synthetic: Sequence[SyntheticCase] | None = None) -> dict[str, Any]:
    """Top-1 and top-3 accuracy against the curated links and synthetic innovations.

    - `curated`: the real innovations, from their label, expansion and description, with the
      scheme alone (the suggester is never given the curated links);
    - `curated_loo`: the same, each suggested with the other curated links as examples
      (leave one out);
    - `synthetic_name`: synthetic innovations from label and expansion (true category: their
      kind); `synthetic_written`: from the name as one article spells it ("e sptpd",
      "aplikasi ...", upper case); `synthetic_full`: label, expansion and description, which
      synth takes from the kind, so that one is easy;
    - `hand_written`: HAND_WRITTEN, names not used to build or tune the scheme;
    - `per_kind`: top-1 of `synthetic_name` per kind; `seconds`: time to suggest once for
      every synthetic innovation (label, expansion, description).
    """
    categories = list(categories) if categories is not None else load_categories()
    curation = curation or load_curation()
    real = real_innovations(sources_dir)
    suggester = Suggester(categories)
    curated = [(real[a.innovation], a.categories) for a in curation.assignments
               if a.innovation in real]

    def leave_one_out(number: int) -> Suggester:
        return Suggester(categories, curated[:number] + curated[number + 1:])

    cases = list(synthetic) if synthetic is not None else synthetic_innovations(seed, sources_dir)
    started = time.perf_counter()
    for case in cases:
        suggester.suggest_for(case.text)
    seconds = time.perf_counter() - started
    by_name = _accuracy(suggester, [
        (InnovationText(c.text.name, c.text.expansion, id=c.text.id), (c.kind,))
        for c in cases])
    missed = {m["id"] for m in by_name["misses"]}
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        per_kind[case.kind][0] += case.text.id not in missed
        per_kind[case.kind][1] += 1
    result: dict[str, Any] = {
        "stemmer": stemmer_name(),
        "categories": len(categories),
        "threshold": suggester.threshold,
        "curated": _accuracy(suggester, curated),
        "curated_loo": _accuracy(suggester, curated, leave_one_out),
        "synthetic_name": by_name,
        "synthetic_written": _accuracy(suggester, [
            (InnovationText(c.written, id=c.text.id), (c.kind,)) for c in cases]),
        "synthetic_full": _accuracy(suggester, [(c.text, (c.kind,)) for c in cases]),
        "hand_written": _accuracy(suggester, [
            (InnovationText(name, expansion), right) for name, expansion, right in HAND_WRITTEN]),
        "per_kind": {kind: round(right / total, 4)
                     for kind, (right, total) in sorted(per_kind.items())},
        "seconds": round(seconds, 3),
    }
    for key in ("synthetic_name", "synthetic_written", "synthetic_full"):
        result[key]["misses"] = result[key]["misses"][:20]  # a sample is enough to read
    return result
