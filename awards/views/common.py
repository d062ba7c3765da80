def int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
