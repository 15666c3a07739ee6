"""The few words booklet prints itself (a section's heading when booklet.yaml gives none,
the contents page's, 'Anonymous'), in the booklet's language where we have them; English
otherwise. Everything else on the page is the writer's own. A photos section and a gallery
have headings of their own (both were 'Photographs', twice in a booklet with both)."""
from __future__ import annotations

ENGLISH = {
    "story": "The Story", "quotes": "In Their Words", "tributes": "Tributes", "comments": "Messages",
    "photos": "Photographs", "gallery": "Photo Album", "timeline": "Timeline", "questions": "Questions",
    "schedule": "Order of Service", "contents": "Contents", "notes": "Notes", "anonymous": "Anonymous",
}

WORDS = {
    "de": {"story": "Die Geschichte", "quotes": "In ihren Worten", "tributes": "Würdigungen",
           "comments": "Botschaften", "photos": "Fotos", "gallery": "Fotoalbum", "timeline": "Zeittafel",
           "questions": "Fragen", "schedule": "Ablauf", "contents": "Inhalt", "notes": "Notizen",
           "anonymous": "Anonym"},
    "fr": {"story": "L’histoire", "quotes": "Dans leurs mots", "tributes": "Hommages", "comments": "Messages",
           "photos": "Photographies", "gallery": "Album photo", "timeline": "Chronologie",
           "questions": "Questions", "schedule": "Déroulement", "contents": "Sommaire", "notes": "Notes",
           "anonymous": "Anonyme"},
    "es": {"story": "La historia", "quotes": "En sus palabras", "tributes": "Homenajes", "comments": "Mensajes",
           "photos": "Fotografías", "gallery": "Álbum de fotos", "timeline": "Cronología", "questions": "Preguntas",
           "schedule": "Programa", "contents": "Índice", "notes": "Notas", "anonymous": "Anónimo"},
    "it": {"story": "La storia", "quotes": "Con le loro parole", "tributes": "Omaggi", "comments": "Messaggi",
           "photos": "Fotografie", "gallery": "Album fotografico", "timeline": "Cronologia", "questions": "Domande",
           "schedule": "Programma", "contents": "Indice", "notes": "Note", "anonymous": "Anonimo"},
    "nl": {"story": "Het verhaal", "quotes": "In hun woorden", "tributes": "Eerbetoon", "comments": "Berichten",
           "photos": "Foto’s", "gallery": "Fotoalbum", "timeline": "Tijdlijn", "questions": "Vragen",
           "schedule": "Programma", "contents": "Inhoud", "notes": "Aantekeningen", "anonymous": "Anoniem"},
    "pt": {"story": "A história", "quotes": "Nas suas palavras", "tributes": "Homenagens", "comments": "Mensagens",
           "photos": "Fotografias", "gallery": "Álbum de fotografias", "timeline": "Cronologia",
           "questions": "Perguntas", "schedule": "Programa", "contents": "Índice", "notes": "Notas",
           "anonymous": "Anónimo"},
    "ja": {"story": "物語", "quotes": "言葉", "tributes": "寄せられた言葉", "comments": "メッセージ", "photos": "写真",
           "gallery": "アルバム", "timeline": "年表", "questions": "質問", "schedule": "式次第", "contents": "目次",
           "notes": "メモ", "anonymous": "匿名"},
    "ko": {"story": "이야기", "quotes": "그들의 말", "tributes": "헌사", "comments": "메시지", "photos": "사진",
           "gallery": "앨범", "timeline": "연표", "questions": "질문", "schedule": "식순", "contents": "목차",
           "notes": "메모", "anonymous": "익명"},
    "zh": {"story": "故事", "quotes": "他们的话", "tributes": "献词", "comments": "留言", "photos": "照片",
           "gallery": "相册", "timeline": "年表", "questions": "问题", "schedule": "仪式程序", "contents": "目录",
           "notes": "笔记", "anonymous": "匿名"},
    "he": {"story": "הסיפור", "quotes": "במילותיהם", "tributes": "דברי הוקרה", "comments": "הודעות",
           "photos": "תמונות", "gallery": "אלבום תמונות", "timeline": "ציר זמן", "questions": "שאלות",
           "schedule": "סדר הטקס", "contents": "תוכן העניינים", "notes": "הערות", "anonymous": "אנונימי"},
    "ar": {"story": "القصة", "quotes": "بكلماتهم", "tributes": "كلمات تكريم", "comments": "رسائل", "photos": "صور",
           "gallery": "ألبوم الصور", "timeline": "التسلسل الزمني", "questions": "أسئلة", "schedule": "برنامج المراسم",
           "contents": "المحتويات", "notes": "ملاحظات", "anonymous": "مجهول"},
    "fa": {"story": "داستان", "quotes": "از زبان خودشان", "tributes": "ادای احترام", "comments": "پیام‌ها",
           "photos": "عکس‌ها", "gallery": "آلبوم عکس", "timeline": "گاه‌شمار", "questions": "پرسش‌ها",
           "schedule": "برنامه مراسم", "contents": "فهرست", "notes": "یادداشت‌ها", "anonymous": "ناشناس"},
    "ur": {"story": "کہانی", "quotes": "ان کے اپنے الفاظ میں", "tributes": "خراجِ عقیدت", "comments": "پیغامات",
           "photos": "تصاویر", "gallery": "تصویری البم", "timeline": "اہم واقعات", "questions": "سوالات",
           "schedule": "تقریب کا پروگرام", "contents": "فہرست", "notes": "یادداشتیں", "anonymous": "گمنام"},
    "pl": {"story": "Historia", "quotes": "Ich słowami", "tributes": "Wspomnienia", "comments": "Wiadomości",
           "photos": "Zdjęcia", "gallery": "Album zdjęć", "timeline": "Kalendarium", "questions": "Pytania",
           "schedule": "Program uroczystości", "contents": "Spis treści", "notes": "Notatki",
           "anonymous": "Anonim"},
    "cs": {"story": "Příběh", "quotes": "Jejich slovy", "tributes": "Vzpomínky", "comments": "Vzkazy",
           "photos": "Fotografie", "gallery": "Fotoalbum", "timeline": "Časová osa", "questions": "Otázky",
           "schedule": "Program obřadu", "contents": "Obsah", "notes": "Poznámky", "anonymous": "Anonym"},
    "sk": {"story": "Príbeh", "quotes": "Ich slovami", "tributes": "Spomienky", "comments": "Odkazy",
           "photos": "Fotografie", "gallery": "Fotoalbum", "timeline": "Časová os", "questions": "Otázky",
           "schedule": "Program obradu", "contents": "Obsah", "notes": "Poznámky", "anonymous": "Anonym"},
    "da": {"story": "Historien", "quotes": "Med deres egne ord", "tributes": "Mindeord", "comments": "Hilsner",
           "photos": "Billeder", "gallery": "Fotoalbum", "timeline": "Tidslinje", "questions": "Spørgsmål",
           "schedule": "Program", "contents": "Indhold", "notes": "Noter", "anonymous": "Anonym"},
    "sv": {"story": "Berättelsen", "quotes": "Med egna ord", "tributes": "Minnesord", "comments": "Hälsningar",
           "photos": "Bilder", "gallery": "Fotoalbum", "timeline": "Tidslinje", "questions": "Frågor",
           "schedule": "Program", "contents": "Innehåll", "notes": "Anteckningar", "anonymous": "Anonym"},
    "nb": {"story": "Historien", "quotes": "Med egne ord", "tributes": "Minneord", "comments": "Hilsener",
           "photos": "Bilder", "gallery": "Fotoalbum", "timeline": "Tidslinje", "questions": "Spørsmål",
           "schedule": "Program", "contents": "Innhold", "notes": "Notater", "anonymous": "Anonym"},
    "fi": {"story": "Tarina", "quotes": "Omin sanoin", "tributes": "Muistosanat", "comments": "Viestit",
           "photos": "Valokuvat", "gallery": "Valokuva-albumi", "timeline": "Aikajana",
           "questions": "Kysymyksiä", "schedule": "Tilaisuuden ohjelma", "contents": "Sisällys",
           "notes": "Muistiinpanot", "anonymous": "Nimetön"},
    "ru": {"story": "История", "quotes": "Их словами", "tributes": "Слова памяти", "comments": "Сообщения",
           "photos": "Фотографии", "gallery": "Фотоальбом", "timeline": "Хронология", "questions": "Вопросы",
           "schedule": "Программа церемонии", "contents": "Содержание", "notes": "Заметки",
           "anonymous": "Аноним"},
    "uk": {"story": "Історія", "quotes": "Їхніми словами", "tributes": "Слова пам’яті",
           "comments": "Повідомлення", "photos": "Фотографії", "gallery": "Фотоальбом",
           "timeline": "Хронологія", "questions": "Запитання", "schedule": "Програма церемонії",
           "contents": "Зміст", "notes": "Нотатки", "anonymous": "Анонім"},
    "hu": {"story": "A történet", "quotes": "Saját szavaikkal", "tributes": "Emlékező sorok",
           "comments": "Üzenetek", "photos": "Fényképek", "gallery": "Fotóalbum", "timeline": "Időrend",
           "questions": "Kérdések", "schedule": "A szertartás rendje", "contents": "Tartalom",
           "notes": "Jegyzetek", "anonymous": "Névtelen"},
    "ro": {"story": "Povestea", "quotes": "În cuvintele lor", "tributes": "Omagii", "comments": "Mesaje",
           "photos": "Fotografii", "gallery": "Album foto", "timeline": "Cronologie", "questions": "Întrebări",
           "schedule": "Programul ceremoniei", "contents": "Cuprins", "notes": "Notițe", "anonymous": "Anonim"},
    "tr": {"story": "Hikâye", "quotes": "Kendi sözleriyle", "tributes": "Anma sözleri", "comments": "Mesajlar",
           "photos": "Fotoğraflar", "gallery": "Fotoğraf albümü", "timeline": "Kronoloji",
           "questions": "Sorular", "schedule": "Tören programı", "contents": "İçindekiler", "notes": "Notlar",
           "anonymous": "Anonim"},
    "el": {"story": "Η ιστορία", "quotes": "Με τα δικά τους λόγια", "tributes": "Λόγια μνήμης",
           "comments": "Μηνύματα", "photos": "Φωτογραφίες", "gallery": "Άλμπουμ φωτογραφιών",
           "timeline": "Χρονολόγιο", "questions": "Ερωτήσεις", "schedule": "Πρόγραμμα τελετής",
           "contents": "Περιεχόμενα", "notes": "Σημειώσεις", "anonymous": "Ανώνυμος"},
    "hi": {"story": "कहानी", "quotes": "उनके शब्दों में", "tributes": "श्रद्धांजलि", "comments": "संदेश",
           "photos": "तस्वीरें", "gallery": "फ़ोटो एल्बम", "timeline": "समयरेखा", "questions": "प्रश्न",
           "schedule": "कार्यक्रम", "contents": "विषय-सूची", "notes": "टिप्पणियाँ", "anonymous": "अनाम"},
}
WORDS["iw"] = WORDS["he"]           # Hebrew's older tag, which Java and old Android still write
WORDS["no"] = WORDS["nb"]           # Norwegian: Bokmål, as most write it
WORDS["pt-br"] = {**WORDS["pt"], "anonymous": "Anônimo"}
# Chinese as Taiwan and Hong Kong write it (traditional characters)
WORDS["zh-hant"] = WORDS["zh-tw"] = WORDS["zh-hk"] = WORDS["zh-mo"] = {
    **WORDS["zh"], "quotes": "他們的話", "tributes": "獻詞", "gallery": "相簿", "questions": "問題",
    "schedule": "儀式程序", "contents": "目錄", "notes": "筆記"}


def word(key: str, language: str) -> str:
    """`key`'s word in `language` (a tag: en-GB, de, pt-BR), or in English."""
    return for_language(WORDS, language, ENGLISH).get(key, ENGLISH[key])


def for_language(table: dict, language: str, default):
    """A language's entry in a table by tag ('pt-br', 'de'): the tag's own (pt-BR), else the
    nearest shorter tag's (zh-Hant-TW: zh-Hant), else its language's (pt), else `default`."""
    parts = language.lower().replace("_", "-").split("-")
    for n in range(len(parts), 0, -1):
        if "-".join(parts[:n]) in table:
            return table["-".join(parts[:n])]
    return default


def is_english(key: str, text: str) -> bool:
    """Whether a heading is the English word a layout gives by default ('Contents')."""
    return text == ENGLISH[key]


# languages written right to left: a page of their text in columns is read from the right
RIGHT_TO_LEFT = dict.fromkeys(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku-arab", "ps", "sd", "syr", "ug", "ur",
                               "yi"], True)


def written_right_to_left(language: str) -> bool:
    """Whether the booklet's language (a tag: he, ar-EG, fa-IR) is written right to left."""
    return for_language(RIGHT_TO_LEFT, language, False)


def capitals(text: str, language: str) -> str:
    """The text in capitals as the language writes them: Turkish and Azerbaijani 'i' is 'İ'
    ('için' is 'İÇİN', not 'IÇIN', another word); Greek drops its accents in capitals
    ('Ιστορία' is 'ΙΣΤΟΡΙΑ'), keeping the diaeresis that says two vowels are apart."""
    return for_language(_CAPITALS, language, str.upper)(text)


def _dotted_capitals(text: str) -> str:
    return text.replace("i", "İ").upper()


def _greek_capitals(text: str) -> str:
    import unicodedata

    apart = unicodedata.normalize("NFD", text.upper())
    kept, parted, letter = [], False, ""
    for i, ch in enumerate(apart):
        if not unicodedata.combining(ch):
            letter = ch                  # the letter the accents that follow are on
        elif ch in "\u0301\u0342\u0313\u0314" and "\u0370" <= letter <= "\u03ff":
            # an accent that kept a vowel from the next ('Μάιος'): a diaeresis on it instead
            parted = letter in "ΑΕΟΥ" and apart[i + 1:i + 2] in ("Ι", "Υ") and \
                not unicodedata.combining(apart[i + 2:i + 3] or " ")
            continue
        kept.append(ch)
        if parted and ch in "ΙΥ":
            kept.append("\u0308")
            parted = False
        elif not unicodedata.combining(ch):
            parted = False
    return unicodedata.normalize("NFC", "".join(kept))


_CAPITALS = {"tr": _dotted_capitals, "az": _dotted_capitals, "crh": _dotted_capitals, "el": _greek_capitals}
