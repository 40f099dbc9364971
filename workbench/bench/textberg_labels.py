# ruff: noqa: E501  (a table of labels: one pair per line reads best)
"""Gold pairs of the Text+Berg development set whose translation really differs.

The checks benchmark (:mod:`workbench.bench.checks`) treats the dev set's gold pairs as
true translations, but the published French translation of this yearbook does not always
say what the German says: it leaves out years, page numbers and a name, corrects or
changes heights, adds dates, and the scans carry running headers and OCR noise. A check
that fires on such a pair reports a real difference, not a false alarm.

Each entry is (pair id, check, what differs), read off the two texts by a person. Only
pairs where a check fired were read, so a check that fires on a pair not listed here for
that check counts as a false alarm (the benchmark prints both figures). Only the
development set is labelled; the held-out test set is never read.
"""

from __future__ import annotations

#: (pair id, check, what the two texts really say differently).
REAL_DIFFERENCES: tuple[tuple[str, str, str], ...] = (
    # numbers: values the translation leaves out, adds or changes
    ("P11+P12=P14", "numbers", "60 ft = 18,29 m in the German, 19,29 m in the French"),
    ("P14=P16", "numbers", "the French leaves out the map's year (1930)"),
    (
        "P18+P19=P56",
        "numbers",
        "a running header ('2 Die Alpen - 1957 - Les Alpes 17') in the German scan",
    ),
    ("P27+P28=P64+P65", "numbers", "'Die Alpen 1956, Nr. 4' cited as 'Les Alpes, avril 1956'"),
    ("P31=P68", "numbers", "the French leaves out Makalu's height (8481 m)"),
    ("P32+P33+P34=P69", "numbers", "the French leaves out the German edition (Zürich 1956)"),
    ("P35=P70", "numbers", "'Die Alpen 1956' cited as 'cette revue'"),
    (
        "P43=P78+P79",
        "numbers",
        "a running header ('2 Les Alpes - 1957 - Die Alpen 17') in the French scan",
    ),
    ("P51=P86+P87", "numbers", "the French leaves out Everest's height (8848 m)"),
    ("P55=P90", "numbers", "'Frühjahrsheft' (spring issue) translated as 'fascicule de mars'"),
    ("P60=P93", "numbers", "the French leaves out the pages (S. 161-177)"),
    ("P66=P105", "numbers", "page 81 in the German, 80 in the French"),
    ("P67+P68+P69=P106+P107", "numbers", "the French leaves out the book's year (Collins 1956)"),
    ("P88=P131+P132", "numbers", "the French leaves out the year of the Argentines' return (1958)"),
    ("P90=P135", "numbers", "page 83 in the German, 82 in the French"),
    ("P92=P137+P138", "numbers", "the French adds a Sherpa's register number (n° 163)"),
    ("P94=P143+P144", "numbers", "the French leaves out the year of the first ascent (1955)"),
    (
        "P95+P96+P97=P145+P146+P147",
        "numbers",
        "summits up to 6100 m in the German, 6200 m in the French",
    ),
    ("P98=P148", "numbers", "the citation ('1956, S.85') falls in the next French pair, as p. 83"),
    (
        "P99+P100+P101=P149+P150",
        "numbers",
        "the French leaves out the pages (S. 340-343) and carries the previous citation",
    ),
    ("P114=P158", "numbers", "'drei Schritt' given as '3 yards (2,75 m)'"),
    ("P125+P126=P168", "numbers", "the French leaves out the year (11. Juni 1955)"),
    (
        "P130+P131=P172+P173",
        "numbers",
        "'gut 30 cm' and '20 cm' given as 12 and 8 inches (305 and 203 mm)",
    ),
    (
        "P139=P181",
        "numbers",
        "the Alpine Journal citation (Nr. 292, May 1956) replaced by 'Les Alpes, octobre 1955'",
    ),
    ("P172+P173=P210", "numbers", "summits up to 6300 m in the German, 6200 m in the French"),
    ("P195+P196=P229", "numbers", "the date (6 and 7 July 1956) moved to the next French pair"),
    (
        "P197+P198=P230+P231+P232",
        "numbers",
        "the date (6 and 7 July 1956) arrives from the previous pair",
    ),
    ("P200=P234", "numbers", "the French adds a citation (Alpine Journal, n° 293)"),
    ("P217+P218=P257", "numbers", "Black Tooth is 6719 m in the German, 6179 m in the French"),
    ("P223=P263+P264", "numbers", "the French leaves out the cable's length (300 m)"),
    ("P226+P227=P268+P269+P270", "numbers", "the French leaves out camp 3's height (6000 m)"),
    ("P319=P370", "numbers", "the French leaves out camp I's height (6000 m)"),
    ("P347+P348=P401+P402", "numbers", "the French adds the date (8 juillet)"),
    ("P359+P360=P415", "numbers", "the new name dates from 1938 in the German, 1937 in the French"),
    ("P366=P426", "numbers", "the French leaves out the year (1956)"),
    ("P379+P380=P439", "numbers", "'70. Jahrgang' scanned as '7O.Jahrgang'; 'im Jänner' left out"),
    ("P388=P452+P453", "numbers", "section 21 in the German, 18 in the French"),
    ("P414=P488", "numbers", "scanning noise ('28 vv '.;,') in the French"),
    (
        "P451=P532+P534+P535+P536",
        "numbers",
        "scanning noise ('in 29 âjJi.ïïJïW .1*') in the French",
    ),
    # names: names the translation leaves out or adds
    (
        "P18+P19=P56",
        "names",
        "a running header ('2 Die Alpen - 1957 - Les Alpes 17') in the German scan",
    ),
    ("P50=P85", "names", "the French leaves out 'in der Geschichte des Himalaya'"),
    (
        "P62=P96+P97+P98+P99+P100",
        "names",
        "the French leaves out Albert Zimmermann's botany of 1952",
    ),
    ("P92=P137+P138", "names", "the French adds the Sherpa's name (Gyalzen Minchung)"),
    ("P93=P139+P140+P141+P142", "names", "the French adds the guides' home (de Courmayeur)"),
    (
        "P139=P181",
        "names",
        "the citation of 'The abominable Snowman' in 'The Alpine Journal' left out",
    ),
    ("P188+P189=P223", "names", "the French leaves out the publisher (Benno Schwabe)"),
    ("P468=P553", "names", "'Karakorum-Himalaya' given as 'Karakorum'"),
    # length: most of the sentence left out
    ("P32+P33+P34=P69", "length", "the French keeps a third of the sentence"),
    (
        "P62=P96+P97+P98+P99+P100",
        "length",
        "Lombard's geology and Zimmermann's botany of 1952 are not in the French pair",
    ),
    (
        "P115=P159",
        "length",
        "the French leaves out 'Nachdem wir die Grösse der Fusstapfen ausgemessen hatten'",
    ),
    ("P139=P181", "length", "the French leaves out the Alpine Journal citation"),
    ("P262+P263=P312", "length", "the French leaves out 'unter dichten Schneeböen'"),
    ("P86=P129", "length", "the French leaves out the leader (unter Leitung von Oberst E.Huerta)"),
    (
        "P197+P198=P230+P231+P232",
        "length",
        "the date list (6 and 7 July 1956) arrives from the previous pair",
    ),
)
