"""The starting sheet when no earlier year of the province has one: its groups, criteria and classification bands.

[uncertain] The sector's tables (QĐ 424/QĐ-VKSTC) were not retrieved (domain-rules §5, §9.6): the secretariat edits
groups, points and bands in the admin.

Group II holds the emulation work the plan asks of every unit, each filled from the records (``AutoSource``) and
each worth 5 points. The plan gives no points: it names the duties (II.2.6 makes the exemplary individual "tiêu chí
để chấm điểm thi đua"; II.2.7 the leaders' articles; II.2.8 and III.1 the unit's own plan or programme; II.2.8 and
III.4 the council's inspections), so each counts alike. The sheet stays at 100 points so that the bands keep
their meaning: the unit-scored criteria of groups I and III keep their weights to each other, scaled from 75 to 60
points (40, 15, 10, 10 → 32, 12, 8, 8) to make room for the last three (15 points)."""

from movements.enums import AutoSource

# (group name, [(criterion name, maximum points, evidence required, automatic source), …])
DEFAULT_SHEET = [
    (
        "I. Thực hiện chức năng, nhiệm vụ được giao",
        [
            ("Hoàn thành các chỉ tiêu nghiệp vụ cơ bản của năm", 32, True, ""),
            (
                "Không để xảy ra oan, sai, bỏ lọt tội phạm; không có án bị hủy do trách nhiệm của Viện kiểm sát",
                12,
                True,
                "",
            ),
        ],
    ),
    (
        "II. Công tác thi đua, khen thưởng",
        [
            ("Đăng ký thi đua đúng hạn", 5, False, AutoSource.REGISTRATION_ON_TIME),
            ("Ký giao ước thi đua giữa Thủ trưởng và Công đoàn", 5, False, AutoSource.PLEDGE_SIGNED),
            ("Giới thiệu ít nhất 01 điển hình tiên tiến (Kế hoạch, mục II.2.6)", 5, False, AutoSource.EXEMPLARY_NAMED),
            ("Báo cáo các phong trào thi đua đúng hạn", 5, False, AutoSource.MOVEMENT_REPORTS),
            ("Cập nhật đầy đủ dữ liệu cán bộ vào phần mềm (Kế hoạch, mục II.2.3)", 5, False, AutoSource.STAFF_RECORDS),
            (
                "Xây dựng kế hoạch, chương trình công tác thi đua, khen thưởng của đơn vị đúng hạn "
                "(Kế hoạch, mục II.2.8, III.1)",
                5,
                False,
                AutoSource.UNIT_PLAN,
            ),
            (
                "Lãnh đạo đơn vị tiên phong viết tin, bài nghiên cứu pháp luật, tuyên truyền về Ngành "
                "(Kế hoạch, mục II.2.7; mỗi tin, bài 1 điểm)",
                5,
                False,
                AutoSource.LEADERS_ARTICLES,
            ),
            (
                "Khắc phục đúng hạn các tồn tại sau kiểm tra thi đua, khen thưởng (Kế hoạch, mục II.2.8, III.4)",
                5,
                False,
                AutoSource.INSPECTION_FINDINGS,
            ),
        ],
    ),
    (
        "III. Xây dựng đơn vị",
        [
            ("Nội bộ đoàn kết; không có cán bộ vi phạm kỷ luật", 8, True, ""),
            ("Thực hành tiết kiệm, phòng chống tham nhũng, lãng phí", 8, False, ""),
        ],
    ),
]

# (band name, from points, code of the title it leads to)
DEFAULT_BANDS = [
    ("Xuất sắc", 95, "TTLDXS"),
    ("Tiên tiến", 80, "TTLDTT"),
    ("Hoàn thành nhiệm vụ", 50, None),
    ("Không hoàn thành nhiệm vụ", 0, None),
]
