"""Write a made-up ONS Postcode Directory CSV, to time `import_postcodes` at full size.

    .venv/bin/python bench/make_postcode_file.py /tmp/onspd.csv            # 2.7 million rows
    .venv/bin/python bench/make_postcode_file.py /tmp/onspd.csv --rows 100000
    time .venv/bin/python manage.py import_postcodes /tmp/onspd.csv

The shape follows the real file (ONSPD, February 2025 release): 54 columns, quoted the way
the ONS quotes them, about 1 GB for the whole of the UK. Roughly 1 in 40 postcodes has no
grid reference (latitude 99.999999, skipped by the import) and 1 in 4 is terminated, as in
the real directory. The data is made with a fixed seed, not taken from the ONS: it is not
committed, and nothing else should use it.
"""

import argparse
import random
import string
import sys

HEADER = (
    "pcd7,pcd8,pcds,dointr,doterm,usrtypind,east1m,north1m,gridind,oa21cd,cty25cd,ced25cd,lad25cd,"
    "wd25cd,nhser24cd,ctry25cd,rgn25cd,pcon24cd,ttwa15cd,itl25cd,npark16cd,lsoa21cd,msoa21cd,"
    "wz11cd,sicbl24cd,bua24cd,buasd24cd,ruc21ind,oac11ind,lat,long,lep21cd1,lep21cd2,pfa23cd,"
    "imd20ind,icb23cd,oa11cd,lsoa11cd,msoa11cd,ced23cd,wd23cd,lad23cd,pcon14cd,eer20cd,"
    "teclec20cd,ccg19cd,cal17cd,pct19cd,oa01cd,lsoa01cd,msoa01cd,stp21cd,ur01ind,park24cd"
).split(",")
AREAS = [chr(a) + b for a in range(ord("A"), ord("Z") + 1) for b in "ABCDEFGHKLMNPRSTUWY"][:124]
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def postcodes(rows: int, rng: random.Random):
    """Unique, well-formed postcodes: area, district, sector and unit, in the ONS's order."""
    made = 0
    for area in AREAS:
        for district in range(1, 100):
            for sector in range(10):
                for unit in range(rng.randint(180, 260)):
                    unit_code = (
                        UNIT_LETTERS[unit // len(UNIT_LETTERS) % len(UNIT_LETTERS)]
                        + UNIT_LETTERS[unit % len(UNIT_LETTERS)]
                    )
                    outward = f"{area}{district}"
                    yield outward, f"{sector}{unit_code}"
                    made += 1
                    if made == rows:
                        return


def code(prefix: str, rng: random.Random) -> str:
    return f"{prefix}{rng.randrange(10**6):06d}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--rows", type=int, default=2_700_000)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    councils = [code("E06", rng) for _ in range(360)]
    letters = string.ascii_uppercase
    with open(args.path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(f'"{name}"' for name in HEADER) + "\r\n")
        for number, (outward, inward) in enumerate(postcodes(args.rows, rng)):
            pcd7 = f"{outward:<4}{inward}"[:7]
            pcds = f"{outward} {inward}"
            council = councils[number // 7500 % len(councils)]
            no_grid = rng.random() < 0.025
            lat = 99.999999 if no_grid else 50 + rng.random() * 5.5
            lng = 0.0 if no_grid else -5.5 + rng.random() * 7.2
            east = "" if no_grid else str(rng.randrange(100000, 650000))
            north = "" if no_grid else str(rng.randrange(10000, 1200000))
            terminated = rng.random() < 0.25
            fields = [
                pcd7,
                f"{outward:<5}{inward}",
                pcds,
                f"{rng.randrange(1980, 2025)}{rng.randrange(1, 13):02d}",
                f"{rng.randrange(1990, 2025)}{rng.randrange(1, 13):02d}" if terminated else "",
                str(rng.randrange(2)),
                east,
                north,
                "9" if no_grid else "1",
                code("E00", rng),
                "E99999999",
                code("E58", rng),
                council,
                code("E05", rng),
                code("E40", rng),
                "E92000001",
                code("E12", rng),
                code("E14", rng),
                code("E30", rng),
                f"TL{rng.choice(letters)}{rng.randrange(100, 999)}",
                "E65000001",
                code("E01", rng),
                code("E02", rng),
                code("E33", rng),
                code("E38", rng),
                code("E63", rng),
                "",
                rng.choice(["UN1", "UF1", "RSN1", "RLF1"]),
                f"{rng.randrange(1, 9)}{rng.choice('abc')}{rng.randrange(1, 4)}",
                f"{lat:.6f}",
                f"{lng:.6f}",
                code("E37", rng),
                "",
                code("E23", rng),
                str(rng.randrange(1, 32845)),
                code("E54", rng),
                code("E00", rng),
                code("E01", rng),
                code("E02", rng),
                code("E58", rng),
                code("E05", rng),
                council,
                code("E14", rng),
                code("E15", rng),
                code("E99", rng),
                code("E38", rng),
                code("E56", rng),
                code("E16", rng),
                code("E00", rng),
                code("E01", rng),
                code("E02", rng),
                code("E54", rng),
                str(rng.randrange(1, 9)),
                code("E26", rng),
            ]
            out.write(",".join(f'"{field}"' if field else "" for field in fields) + "\r\n")
            if number % 500_000 == 0 and number:
                sys.stderr.write(f"{number:,} rows\n")


if __name__ == "__main__":
    main()
