"""Answer lists for the carer record. Equality questions follow the ONS Census 2021 wording."""

from django.db import models

PREFER_NOT = ("prefer_not", "Prefer not to say")


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    LETTER = "letter", "Letter"


class PreferredFormat(models.TextChoices):
    STANDARD = "standard", "Standard"
    EASY_READ = "easy_read", "Easy read"
    LARGE_PRINT = "large_print", "Large print"
    AUDIO = "audio", "Audio"
    OTHER_LANGUAGE = "other_language", "Another language"


class WorkStatus(models.TextChoices):
    FULL_TIME = "full_time", "Working full time"
    PART_TIME = "part_time", "Working part time"
    SELF_EMPLOYED = "self_employed", "Self-employed"
    NOT_WORKING = "not_working", "Not working"
    RETIRED = "retired", "Retired"
    SCHOOL = "school", "At school"
    EDUCATION = "education", "In further or higher education or training"
    UNABLE = "unable", "Unable to work because of caring"
    OTHER = "other", "Other"
    PREFER_NOT = PREFER_NOT


class HoursBand(models.TextChoices):
    """The Census 2021 TS039 bands, so the register can be compared with the census."""

    UP_TO_19 = "19_or_less", "19 hours or less a week"
    FROM_20_TO_49 = "20_to_49", "20 to 49 hours a week"
    FIFTY_OR_MORE = "50_or_more", "50 or more hours a week"

    @classmethod
    def for_hours(cls, hours):
        if hours is None:
            return ""
        if hours <= 19:
            return cls.UP_TO_19
        if hours <= 49:
            return cls.FROM_20_TO_49
        return cls.FIFTY_OR_MORE


class Status(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"
    EX_CARER = "ex_carer", "Ex-carer"


class ClosedReason(models.TextChoices):
    NO_LONGER_CARING = "no_longer_caring", "No longer caring"
    MOVED_AWAY = "moved_away", "Moved out of the area"
    DECLINED = "declined", "Declined support"
    NO_CONTACT = "no_contact", "Could not be contacted"
    DIED = "died", "Died"
    DUPLICATE = "duplicate", "Duplicate record"
    OTHER = "other", "Other"


class Ethnicity(models.TextChoices):
    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_GYPSY = "white_gypsy", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "White: Roma"
    WHITE_OTHER = "white_other", "White: any other White background"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_wbc", "Mixed or Multiple: White and Black Caribbean"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_wba", "Mixed or Multiple: White and Black African"
    MIXED_WHITE_ASIAN = "mixed_wa", "Mixed or Multiple: White and Asian"
    MIXED_OTHER = "mixed_other", "Mixed or Multiple: any other Mixed or Multiple background"
    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    ASIAN_OTHER = "asian_other", "Asian or Asian British: any other Asian background"
    BLACK_CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
    BLACK_OTHER = (
        "black_other",
        "Black, Black British, Caribbean or African: any other Black background",
    )
    OTHER_ARAB = "other_arab", "Other ethnic group: Arab"
    OTHER = "other", "Other ethnic group: any other ethnic group"
    PREFER_NOT = PREFER_NOT


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT = PREFER_NOT


class YesNoPreferNot(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", "Straight or heterosexual"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Other sexual orientation"
    PREFER_NOT = PREFER_NOT


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    CHRISTIAN = "christian", "Christian"
    BUDDHIST = "buddhist", "Buddhist"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    PREFER_NOT = PREFER_NOT


class Disability(models.TextChoices):
    """'Are your day-to-day activities limited because of a health problem or disability...?'"""

    YES_A_LOT = "yes_a_lot", "Yes, limited a lot"
    YES_A_LITTLE = "yes_a_little", "Yes, limited a little"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT
