"""The demo province: Viện kiểm sát nhân dân tỉnh Thái Bình in 2018 (vietnamese-conventions.md), built through
the services so that demo data obeys the same rules as real data. Deterministic: the same names every run."""

import datetime
import random

from units.enums import Gender, Role
from units.models import Staff, Unit, UnitKind, User
from units.services import staff_create, unit_create, user_create

DEMO_PASSWORD = "ThaiBinh@2018-demo"  # noqa: S105 - printed by seed_demo, for the demo only

PROVINCE = ("vks-thai-binh", "Viện kiểm sát nhân dân tỉnh Thái Bình", "VKSND tỉnh Thái Bình")
DEPARTMENTS = [
    ("tb-van-phong", "Văn phòng", "Văn phòng"),
    ("tb-thanh-tra", "Thanh tra", "Thanh tra"),
    ("tb-phong-1", "Phòng Thực hành quyền công tố và kiểm sát điều tra, kiểm sát xét xử sơ thẩm án hình sự", "Phòng 1"),
    ("tb-phong-7", "Phòng Thực hành quyền công tố và kiểm sát xét xử phúc thẩm án hình sự", "Phòng 7"),
    ("tb-phong-8", "Phòng Kiểm sát việc tạm giữ, tạm giam và thi hành án hình sự", "Phòng 8"),
    ("tb-phong-9", "Phòng Kiểm sát việc giải quyết các vụ, việc dân sự, hôn nhân và gia đình", "Phòng 9"),
    (
        "tb-phong-10",
        "Phòng Kiểm sát việc giải quyết các vụ án hành chính, kinh doanh, thương mại, lao động",
        "Phòng 10",
    ),
    ("tb-phong-11", "Phòng Kiểm sát thi hành án dân sự", "Phòng 11"),
    ("tb-to-chuc", "Phòng Tổ chức cán bộ", "Phòng Tổ chức cán bộ"),
    ("tb-thong-ke", "Phòng Thống kê tội phạm và công nghệ thông tin", "Phòng Thống kê - CNTT"),
]
DISTRICTS = [
    ("tb-tp-thai-binh", "Viện kiểm sát nhân dân thành phố Thái Bình", "VKSND TP Thái Bình"),
    ("tb-dong-hung", "Viện kiểm sát nhân dân huyện Đông Hưng", "VKSND huyện Đông Hưng"),
    ("tb-hung-ha", "Viện kiểm sát nhân dân huyện Hưng Hà", "VKSND huyện Hưng Hà"),
    ("tb-kien-xuong", "Viện kiểm sát nhân dân huyện Kiến Xương", "VKSND huyện Kiến Xương"),
    ("tb-quynh-phu", "Viện kiểm sát nhân dân huyện Quỳnh Phụ", "VKSND huyện Quỳnh Phụ"),
    ("tb-thai-thuy", "Viện kiểm sát nhân dân huyện Thái Thụy", "VKSND huyện Thái Thụy"),
    ("tb-tien-hai", "Viện kiểm sát nhân dân huyện Tiền Hải", "VKSND huyện Tiền Hải"),
    ("tb-vu-thu", "Viện kiểm sát nhân dân huyện Vũ Thư", "VKSND huyện Vũ Thư"),
]

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Ngô",
    "Dương",
    "Đinh",
    "Phan",
    "Lương",
    "Tạ",
    "Đào",
    "Mai",
    "Trịnh",
]
MIDDLE = {
    Gender.MALE: ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân", "Mạnh", "Đình", "Công"],
    Gender.FEMALE: ["Thị", "Thu", "Thị Thanh", "Thị Bích", "Ngọc", "Thị Hồng", "Phương", "Thùy"],
}
GIVEN = {
    Gender.MALE: [
        "An",
        "Anh",
        "Bình",
        "Cường",
        "Dũng",
        "Đông",
        "Hải",
        "Hùng",
        "Huy",
        "Khánh",
        "Long",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Thắng",
        "Thành",
        "Toàn",
        "Trung",
        "Tuấn",
        "Việt",
        "Vinh",
    ],
    Gender.FEMALE: [
        "Ánh",
        "Ân",
        "Châu",
        "Dung",
        "Giang",
        "Hà",
        "Hạnh",
        "Hằng",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Ngọc",
        "Nhung",
        "Oanh",
        "Phương",
        "Quỳnh",
        "Thảo",
        "Trang",
        "Yến",
    ],
}

DEPARTMENT_POSITIONS = [
    ("Trưởng phòng", "Kiểm sát viên trung cấp"),
    ("Phó Trưởng phòng", "Kiểm sát viên trung cấp"),
    ("Kiểm sát viên", "Kiểm sát viên trung cấp"),
    ("Kiểm sát viên", "Kiểm sát viên sơ cấp"),
    ("Kiểm tra viên", "Kiểm tra viên"),
    ("Chuyên viên", "Chuyên viên"),
]
DISTRICT_POSITIONS = [
    ("Viện trưởng", "Kiểm sát viên trung cấp"),
    ("Phó Viện trưởng", "Kiểm sát viên trung cấp"),
    ("Phó Viện trưởng", "Kiểm sát viên sơ cấp"),
    ("Kiểm sát viên", "Kiểm sát viên sơ cấp"),
    ("Kiểm sát viên", "Kiểm sát viên sơ cấp"),
    ("Kiểm sát viên", "Kiểm sát viên sơ cấp"),
    ("Kiểm tra viên", "Kiểm tra viên"),
    ("Kiểm tra viên", "Kiểm tra viên"),
    ("Kế toán", "Kế toán viên"),
    ("Văn thư", "Cán sự"),
    ("Lái xe", "Nhân viên"),
]
LEADERS = [
    ("Viện trưởng", "Kiểm sát viên cao cấp"),
    ("Phó Viện trưởng", "Kiểm sát viên cao cấp"),
    ("Phó Viện trưởng", "Kiểm sát viên trung cấp"),
    ("Phó Viện trưởng", "Kiểm sát viên trung cấp"),
]

# username, role, unit code (officers) – the demo logins printed by seed_demo.
DEMO_USERS = [
    ("admin", Role.ADMIN, None, "Quản trị", "hệ thống"),
    ("thuongtruc", Role.SECRETARIAT, None, "Thường trực", "Hội đồng"),
    ("hoidong", Role.COUNCIL_MEMBER, None, "Thành viên", "Hội đồng"),
    ("thongke", Role.STATISTICS, None, "Cán bộ", "Phòng Thống kê"),
    ("vanphong", Role.OFFICER, "tb-van-phong", "Cán bộ", "Văn phòng"),
    ("phong1", Role.OFFICER, "tb-phong-1", "Cán bộ", "Phòng 1"),
    ("donghung", Role.OFFICER, "tb-dong-hung", "Cán bộ", "Đông Hưng"),
    ("hungha", Role.OFFICER, "tb-hung-ha", "Cán bộ", "Hưng Hà"),
]


def _person(rng: random.Random) -> tuple[str, str, datetime.date]:
    gender = rng.choice([Gender.MALE, Gender.FEMALE])
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
    born = datetime.date(rng.randint(1962, 1995), rng.randint(1, 12), rng.randint(1, 28))
    return name, gender, born


def _ensure_unit(code, name, short_name, kind, parent, order):
    existing = Unit.objects.filter(code=code).first()
    if existing:
        return existing
    return unit_create(name=name, code=code, kind=kind, parent=parent, short_name=short_name, display_order=order)


def seed_units() -> Unit:
    """The province, its departments and its 8 district/city procuracies, each with its staff."""
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    province = _ensure_unit(*PROVINCE, kinds["provincial"], None, 0)
    units = [(province, LEADERS)]
    for order, (code, name, short) in enumerate(DEPARTMENTS, start=1):
        units.append((_ensure_unit(code, name, short, kinds["department"], province, order), DEPARTMENT_POSITIONS))
    for order, (code, name, short) in enumerate(DISTRICTS, start=100):
        units.append((_ensure_unit(code, name, short, kinds["district"], province, order), DISTRICT_POSITIONS))
    rng = random.Random(2018)  # noqa: S311 - demo names, not secrets
    for unit, positions in units:
        people = []
        for position, rank in positions:
            name, gender, born = _person(rng)
            joined = datetime.date(max(born.year + 23, 1990), rng.randint(1, 12), 1)
            people.append((name, gender, born, position, rank, joined))
        if Staff.objects.filter(unit=unit).exists():
            continue
        for name, gender, born, position, rank, joined in people:
            staff_create(
                unit=unit,
                full_name=name,
                gender=gender,
                date_of_birth=born,
                position=position,
                rank=rank,
                joined_procuracy_on=joined,
            )
    return province


def seed_users(province: Unit) -> list[tuple[str, str, str]]:
    """The demo logins: (username, role label, unit)."""
    logins = []
    for username, role, unit_code, first, last in DEMO_USERS:
        unit = Unit.objects.get(code=unit_code) if unit_code else None
        if not User.objects.filter(username=username).exists():
            # The demo council member is a deputy head of the provincial procuracy.
            staff = (
                Staff.objects.filter(unit=province, position="Phó Viện trưởng").order_by("sort_key").first()
                if role == Role.COUNCIL_MEMBER
                else None
            )
            user_create(
                staff=staff,
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                unit=unit,
                province=province,
                first_name=first,
                last_name=last,
                email=f"{username}@vks-thaibinh.example",
            )
        logins.append((username, str(Role(role).label), unit.display_name if unit else province.display_name))
    return logins
