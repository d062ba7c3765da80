"""The starting sheet when no earlier year of the province has one: its groups, criteria and classification bands.

[uncertain] The sector's tables (QĐ 424/QĐ-VKSTC) were not retrieved (domain-rules §5, §9.6): the secretariat edits
groups, points and bands in the admin."""

from movements.enums import AutoSource

# (group name, [(criterion name, maximum points, evidence required, automatic source), …])
DEFAULT_SHEET = [
    (
        "I. Thực hiện chức năng, nhiệm vụ được giao",
        [
            ("Hoàn thành các chỉ tiêu nghiệp vụ cơ bản của năm", 40, True, ""),
            (
                "Không để xảy ra oan, sai, bỏ lọt tội phạm; không có án bị hủy do trách nhiệm của Viện kiểm sát",
                15,
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
        ],
    ),
    (
        "III. Xây dựng đơn vị",
        [
            ("Nội bộ đoàn kết; không có cán bộ vi phạm kỷ luật", 10, True, ""),
            ("Thực hành tiết kiệm, phòng chống tham nhũng, lãng phí", 10, False, ""),
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
