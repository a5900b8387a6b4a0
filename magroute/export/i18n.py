"""The driver manifest's words in English and Hindi (``--lang en|hi``).

Drivers and site staff across north India read Hindi more readily than English, so every
label, event kind, weekday, item and magnet type of the manifest has a Devanagari version.
Ids, codes and brand names (GSTIN, CPCB, HSN, NdFeB, Google Maps, PK-... pickup IDs) stay
in Latin script, as they are printed on Indian forms. Digits stay Western Arabic (as on
e-way bills and invoices).
"""

from __future__ import annotations

import re
from datetime import date, datetime

LANGS = ("en", "hi")

# key -> (English, Hindi)
_LABELS: dict[str, tuple[str, str]] = {
    # header
    "title": ("Driver manifest", "चालक मैनिफ़ेस्ट"),
    "plan": ("Plan", "योजना"),
    "generated": ("Generated", "तैयार किया गया"),
    "route": ("Route", "मार्ग"),
    # A trip: from leaving the hub empty to unloading there ("फेरा", one round); what it
    # carries is one load ("लदान").
    "trip_of": ("trip {trip} of {trips}", "फेरा {trip} / {trips}"),
    "trip_heading": ("Trip {trip} of {trips}", "फेरा {trip} / {trips}"),
    "trips": ("Trips (unloads at the hub)", "फेरे (हब पर माल उतारना)"),
    "trip_time": ("Leaves the hub / unloads", "हब से प्रस्थान / माल उतारना"),
    "vehicle": ("Vehicle", "वाहन"),
    "vehicle_id": ("Vehicle ID", "वाहन आईडी"),
    "vehicle_class": ("Vehicle class", "वाहन श्रेणी"),
    "capacity": ("Capacity (kg)", "क्षमता (किग्रा)"),
    "driver_name": ("Driver name", "चालक का नाम"),
    "driver_phone": ("Driver phone", "चालक का फ़ोन"),
    "registration": ("Vehicle registration no.", "वाहन पंजीकरण संख्या"),
    "start_hub": ("Start", "प्रारंभ हब"),
    "end_hub": ("Unload at", "माल उतारने का हब"),
    "route_time": ("Departs / returns", "प्रस्थान / वापसी"),
    "distance": ("Distance (km)", "दूरी (किमी)"),
    "pickups": ("Pickups", "पिकअप"),
    "expected_kg": ("Expected weight (kg)", "अपेक्षित वज़न (किग्रा)"),
    "expected_magnet_kg": ("Expected magnet weight (kg)", "अपेक्षित चुंबक वज़न (किग्रा)"),
    "expected_value": ("Expected magnet value", "चुंबकों का अपेक्षित मूल्य"),
    "eway_bill": ("E-way bill", "ई-वे बिल"),
    "eway_needed": ("needed: total expected magnet value is above {limit}",
                    "आवश्यक: चुंबकों का कुल अपेक्षित मूल्य {limit} से अधिक है"),
    "eway_not_needed": ("not needed at the expected value (limit {limit}); check the actual value",
                        "अपेक्षित मूल्य पर आवश्यक नहीं (सीमा {limit}); वास्तविक मूल्य जाँचें"),
    # A route of several trips never carries two loads at once: the e-way bill goes by load.
    "eway_needed_trips": ("needed for trip {trips}: a load's expected magnet value is above {limit}",
                          "फेरा {trips} हेतु आवश्यक: एक लदान के चुंबकों का अपेक्षित मूल्य {limit} "
                          "से अधिक है"),
    "eway_not_needed_trips": (
        "not needed at any load's expected value (limit {limit} per load); check the actual value",
        "किसी भी लदान के अपेक्षित मूल्य पर आवश्यक नहीं (सीमा {limit} प्रति लदान); वास्तविक मूल्य जाँचें"),
    "eway_needed_load": ("needed: this load's expected magnet value is above {limit}",
                         "आवश्यक: इस लदान के चुंबकों का अपेक्षित मूल्य {limit} से अधिक है"),
    "eway_not_needed_load": (
        "not needed at this load's expected value (limit {limit}); check the actual value",
        "इस लदान के अपेक्षित मूल्य पर आवश्यक नहीं (सीमा {limit}); वास्तविक मूल्य जाँचें"),
    "documents": ("Documents to carry", "साथ रखने के दस्तावेज़"),
    "documents_list": (
        "tax invoice or delivery challan; e-way bill when needed; copies of the consignor's and "
        "consignee's CPCB registration; weighbridge slip; this manifest",
        "कर बीजक या डिलीवरी चालान; आवश्यक होने पर ई-वे बिल; प्रेषक और प्रेषिती के CPCB पंजीकरण "
        "की प्रतियाँ; धर्मकांटा पर्ची; यह मैनिफ़ेस्ट"),
    "estimates_note": (
        "Expected weights and values are planning estimates: record what is actually loaded.",
        "अपेक्षित वज़न और मूल्य योजना के अनुमान हैं: वास्तव में लादा गया वज़न दर्ज करें।"),
    "fill_by_hand": ("Empty boxes are filled in by hand at the stop.", "खाली खाने पड़ाव पर हाथ से भरें।"),
    "page": ("Page {page} of {pages}", "पृष्ठ {page} / {pages}"),
    # stops
    "day": ("Day", "दिन"),
    "pickup_id": ("Pickup ID", "पिकअप आईडी"),
    "site": ("Site", "स्थल"),
    "site_type": ("Site type", "स्थल का प्रकार"),
    "hub": ("Hub", "हब"),
    "address": ("Address / PIN", "पता / पिन"),
    "opening_hours": ("Opening hours", "खुलने का समय"),
    "receiving_hours": ("Receiving hours", "माल प्राप्ति का समय"),
    "window": ("Time window", "समय सीमा"),
    "eta": ("ETA", "अनुमानित आगमन"),
    "loading": ("Loading / departure", "लदान / प्रस्थान"),
    "departure": ("Departure", "प्रस्थान"),
    "arrival": ("Arrival", "आगमन"),
    "items": ("Items", "वस्तुएँ"),
    "contact": ("Contact", "संपर्क"),
    "must_collect": ("Must collect", "अनिवार्य पिकअप"),
    "yes": ("yes", "हाँ"),
    "leg_km": ("Km from previous stop", "पिछले पड़ाव से दूरी (किमी)"),
    "load_after": ("On board after the stop (kg)", "पड़ाव के बाद गाड़ी में वज़न (किग्रा)"),
    "nav_google": ("Navigation: Google Maps", "नेविगेशन: Google Maps"),
    "nav_geo": ("Navigation: map app (geo:)", "नेविगेशन: मैप ऐप (geo:)"),
    "km_from_previous": ("{km} km from previous stop", "पिछले पड़ाव से {km} किमी"),
    "at_hub": ("at the hub: {hub}", "हब पर: {hub}"),
    "google_maps": ("Google Maps", "Google Maps"),
    # route overview
    "overview": ("Route overview", "मार्ग का सारांश"),
    "time": ("Time", "समय"),
    "what": ("What", "क्या"),
    "place": ("Place", "स्थान"),
    "overview_kg": ("Expected kg", "अपेक्षित किग्रा"),
    "done": ("Done", "पूरा"),
    "on_the_road": ("on the road", "रास्ते में"),
    # consignment (e-way bill and e-waste movement document)
    "consignment": ("Consignment", "खेप"),
    "consignment_for": ("for the e-way bill and the e-waste movement document",
                        "ई-वे बिल और ई-कचरा परिवहन दस्तावेज़ हेतु"),
    "consignor": ("Consignor", "प्रेषक"),
    "consignee": ("Consignee", "प्रेषिती"),
    "gstin": ("GSTIN", "GSTIN"),
    "cpcb_registration": ("CPCB registration no.", "CPCB पंजीकरण संख्या"),
    "description": ("Description of goods", "माल का विवरण"),
    "goods": ("E-waste / scrap containing rare-earth magnets, for recycling",
              "रीसाइक्लिंग हेतु दुर्लभ-मृदा चुंबक युक्त ई-कचरा / कबाड़"),
    "hsn": ("HSN code", "HSN कोड"),
    "expected_gross": ("Expected gross weight (kg)", "अपेक्षित कुल वज़न (किग्रा)"),
    "value_expected": ("Value (expected magnet value)", "मूल्य (चुंबकों का अपेक्षित मूल्य)"),
    "weight_loaded": ("Weight actually loaded (kg)", "वास्तव में लादा गया वज़न (किग्रा)"),
    "weighbridge_slip": ("Weighbridge slip no.", "धर्मकांटा पर्ची संख्या"),
    "invoice_no": ("Invoice / delivery challan no.", "बीजक / डिलीवरी चालान संख्या"),
    "eway_bill_no": ("E-way bill no.", "ई-वे बिल संख्या"),
    "signature_site": ("Signature, site representative (name, time)",
                       "हस्ताक्षर, स्थल प्रतिनिधि (नाम, समय)"),
    "signature_driver": ("Signature, driver (time)", "हस्ताक्षर, चालक (समय)"),
    "weight_received": ("Weight received at the hub weighbridge (kg)",
                        "हब के धर्मकांटे पर प्राप्त वज़न (किग्रा)"),
    "signature_hub": ("Signature, hub receiving (name, time)", "हस्ताक्षर, हब प्राप्तकर्ता (नाम, समय)"),
    # event kinds
    "kind_start": ("Start", "प्रारंभ"),
    "kind_pickup": ("Pickup", "पिकअप"),
    "kind_break": ("Break", "विराम"),
    "kind_rest": ("Rest", "विश्राम"),
    "kind_unload": ("Unload", "माल उतारना"),
    "kind_end": ("End", "समाप्ति"),
    # site types (magroute.domain.site.SITE_TYPES)
    "site_informal_ewaste": ("Informal e-waste trader", "अनौपचारिक ई-कचरा व्यापारी"),
    "site_ewaste_dismantler": ("E-waste dismantler", "ई-कचरा विघटनकर्ता"),
    "site_scrap_yard": ("Scrap yard", "कबाड़ यार्ड"),
    "site_motor_rewinding": ("Motor rewinding shop", "मोटर रिवाइंडिंग दुकान"),
    "site_ev_service": ("EV service centre", "ईवी सर्विस सेंटर"),
    # magnet types (data/yields.toml)
    "magnet_ndfeb_hdd": ("NdFeB, HDD / consumer grade", "NdFeB, एचडीडी / उपभोक्ता ग्रेड"),
    "magnet_ndfeb_motor": ("NdFeB, motor / compressor grade", "NdFeB, मोटर / कंप्रेसर ग्रेड"),
    "magnet_ndfeb_ev": ("NdFeB, EV traction grade", "NdFeB, ईवी ट्रैक्शन ग्रेड"),
    "magnet_smco": ("SmCo", "SmCo (समैरियम-कोबाल्ट)"),
    "magnet_alnico": ("AlNiCo", "AlNiCo (एल्निको)"),
}

# The bundled item categories of data/yields.toml; English as labelled there.
_ITEMS: dict[str, tuple[str, str]] = {
    "desktop_hdd": ("Desktop 3.5-inch hard disk drive", "डेस्कटॉप 3.5-इंच हार्ड डिस्क ड्राइव"),
    "laptop_hdd": ("Laptop 2.5-inch hard disk drive", "लैपटॉप 2.5-इंच हार्ड डिस्क ड्राइव"),
    "ev_traction_motor": ("EV (car) traction motor", "ईवी (कार) ट्रैक्शन मोटर"),
    "e2w_motor": ("Electric two-wheeler (e-scooter / e-bike) hub motor",
                  "इलेक्ट्रिक दोपहिया (ई-स्कूटर / ई-बाइक) हब मोटर"),
    "erickshaw_motor": ("E-rickshaw BLDC hub motor (0.8-1.2 kW, 48 V)",
                        "ई-रिक्शा BLDC हब मोटर (0.8-1.2 kW, 48 V)"),
    "ac_inverter_compressor": ("Inverter air-conditioner compressor", "इन्वर्टर एयर-कंडीशनर कंप्रेसर"),
    "fridge_inverter_compressor": ("Inverter refrigerator compressor", "इन्वर्टर रेफ़्रिजरेटर कंप्रेसर"),
    "industrial_pm_motor": ("Industrial PM synchronous motor (IE4/IE5, ~7.5 kW)",
                            "औद्योगिक PM सिंक्रोनस मोटर (IE4/IE5, ~7.5 kW)"),
    "bldc_fan_motor": ("BLDC ceiling-fan motor", "BLDC छत-पंखा मोटर"),
    "pro_loudspeaker": ("Professional-audio loudspeaker driver", "प्रोफ़ेशनल ऑडियो लाउडस्पीकर ड्राइवर"),
    "smco_servo_motor": ("SmCo servo / high-temperature motor", "SmCo सर्वो / उच्च-तापमान मोटर"),
    "alnico_instrument": ("AlNiCo part (panel meters, guitar pickups, sensors, magnetos)",
                          "AlNiCo पुर्ज़ा (पैनल मीटर, गिटार पिकअप, सेंसर, मैग्नेटो)"),
}

# Monday first, as datetime.weekday() counts.
_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "hi": ("सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार"),
}
_WEEKDAYS_SHORT = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "hi": ("सोम", "मंगल", "बुध", "गुरु", "शुक्र", "शनि", "रवि"),
}
_DAY_TOKEN = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")


def check_lang(lang: str) -> str:
    """`lang` if it is one the manifest speaks; ValueError naming the valid ones otherwise."""
    if lang not in LANGS:
        raise ValueError(f"unknown manifest language {lang!r}: use one of {', '.join(LANGS)}")
    return lang


def t(key: str, lang: str) -> str:
    """The label `key` in `lang` (KeyError for an unknown key: a typo in our code)."""
    return _LABELS[key][LANGS.index(check_lang(lang))]


def item_label(item_id: str, lang: str) -> str:
    """An item category's name; unknown (user-defined) items show their id, underscores as spaces."""
    i = LANGS.index(check_lang(lang))
    known = _ITEMS.get(item_id)
    return known[i] if known else item_id.replace("_", " ")


def magnet_label(magnet_type: str, lang: str) -> str:
    known = _LABELS.get(f"magnet_{magnet_type}")
    return known[LANGS.index(check_lang(lang))] if known else magnet_type.replace("_", " ")


def site_type_label(site_type: str, lang: str) -> str:
    known = _LABELS.get(f"site_{site_type}")
    return known[LANGS.index(check_lang(lang))] if known else site_type.replace("_", " ")


def kind_label(kind: str, lang: str) -> str:
    """A route event kind (start, pickup, break, rest, unload, end) as a driver reads it."""
    known = _LABELS.get(f"kind_{kind}")
    return known[LANGS.index(check_lang(lang))] if known else kind


def weekday_name(day: date, lang: str, *, short: bool = False) -> str:
    names = _WEEKDAYS_SHORT if short else _WEEKDAYS
    return names[check_lang(lang)][day.weekday()]


def format_date(day: date, lang: str) -> str:
    """'Monday 23-11-2026' / 'सोमवार 23-11-2026' (day first, as Indian forms write dates)."""
    return f"{weekday_name(day, lang)} {day:%d-%m-%Y}"


def format_clock(moment: datetime | None, lang: str, *, on: date | None = None) -> str:
    """'14:05'; with the short weekday and date when the moment falls on another day than `on`."""
    if moment is None:
        return "–"
    if on is not None and moment.date() != on:
        return f"{weekday_name(moment.date(), lang, short=True)} {moment:%d-%m} {moment:%H:%M}"
    return f"{moment:%H:%M}"


def localise_hours(hours: str, lang: str) -> str:
    """Opening hours as WeeklyHours prints them ('Mon,Wed 10:00-19:00') with local day names
    and a space after each comma, so long day lists can wrap."""
    check_lang(lang)
    short = dict(zip(_WEEKDAYS_SHORT["en"], _WEEKDAYS_SHORT[lang], strict=True))
    return re.sub(r",(?=\S)", ", ", _DAY_TOKEN.sub(lambda m: short[m.group(1)], hours))
