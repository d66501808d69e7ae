"""Lists are shown in the reader's language where the register knows the name in it."""

from desktop_app.domain.universities import NameDraft, NameKind, UniversityDraft
from desktop_app.services import universities, university_search


def test_names_in_the_readers_language(db):
    kaznu = universities.create(db, UniversityDraft("KZ", [
        NameDraft("Al-Farabi Kazakh National University", "en", NameKind.DISPLAY),
        NameDraft("Казахский национальный университет имени аль-Фараби", "ru"),
        NameDraft("Әл-Фараби атындағы Қазақ ұлттық университеті", "kk"),
    ]))
    tsinghua = universities.create(db, UniversityDraft("CN", [NameDraft("Tsinghua University", "en", NameKind.DISPLAY),
                                                            NameDraft("清华大学", "zh")]))
    assert university_search.names_in_language(db, [kaznu, tsinghua], "kk") == {
        kaznu: "Әл-Фараби атындағы Қазақ ұлттық университеті"}
    assert university_search.names_in_language(db, [kaznu, tsinghua], "zh") == {tsinghua: "清华大学"}
    assert university_search.names_in_language(db, [], "kk") == {}
