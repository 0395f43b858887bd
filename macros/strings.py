"""The words of the site's own interface, per language: headings, labels, buttons, day names.

The patient texts (drills, programs, the clinic's call to action) live in ``data/`` and
``data/es/``; the words around them (How much, When to stop, Print this handout, Mon Tue ...)
are here, one table per language with the same keys. Each build's templates get its language's
table as ``t`` (``{{ t["drill.how_much"] }}``, macros/render.py); Python reads the same table
(``Templates.strings``) for the few words it writes itself (page titles, the PDF title).

A key missing from a language is an error when the build starts (``strings_for``), so a page is
never half in one language; tests/test_strings.py checks that every language has every key.

To add a language: copy the "en" table under its code and translate each value. Keep ``{name}``
placeholders as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        # Titles of generated pages and PDFs ({title}: the program's title).
        "title.large_print": "{title} (large print)",
        "title.printable": "{title}: printable handout",
        # Links to a page that exists only in English.
        "in_english": "in English",
        "date_locale": "en-US",  # how the builder writes today's date
        # Levels, reviews, dates
        "level": "Level:",
        "level.beginner": "Beginner",
        "level.intermediate": "Intermediate",
        "level.advanced": "Advanced",
        "reviewed.by": "Reviewed by",
        "reviewed.on": "on",
        "date": "{month} {day}, {year}",
        "drill.works_on": "Works on:",
        "drill.helps_with": "This drill can help with:",
        "index.showing": "Showing {shown} of {total} drills.",
        # The call to action ({offer}, {phone}, {email} from data/clinic.yml)
        "cta.book": "Call us to book {offer}.",
        "cta.call": "Call {phone}",
        "cta.email": "Email {email}",
        "cta.call_short": "call",
        # Every page
        "disclaimer.label": "Please note:",
        # Drill pages and cards
        "drill.how_much": "How much:",
        "drill.print": "Print this drill",
        "drill.on_handout": "This drill is on the handout",
        "drill.on_handout_after": ", with the other drills to do with it, ready to print.",
        "drill.each_side": "Do this drill on both sides.",
        "drill.each_side_how": "Do all of them on one side, then switch.",
        "drill.master_first": "Master these first",
        "drill.position": "Starting position",
        "drill.steps": "Steps",
        "drill.tips": "Tips",
        "drill.when_to_stop": "When to stop",
        "drill.video": "Watch a video of {name}",
        "drill.video_note": "(opens another website in a new tab)",
        # The drill index's filter
        "index.level": "Level",
        "index.all_levels": "All levels",
        "index.body_area": "Body area",
        "index.all_body_areas": "All body areas",
        # Root causes
        "causes.drills": "Drills that can help:",
        "causes.no_drills": "A physical therapist can check for this and show you what helps.",
        "causes.none_yet": "This site has no home drills yet for {causes}.",
        "causes.check_one": "A physical therapist can check for this and show you what helps.",
        "causes.check_many": "A physical therapist can check for these and show you what helps.",
        "program.print": "Print these {count} drills",
        "key_points": "Key points",
        "urgent.label": "When to get emergency care",
        "urgent.title": "Call {number} or go to the emergency room if you have:",
        "cta.book_online": "Book a visit online",
        "footer.phone": "Phone:",
        "footer.email": "Email:",
        "footer.website": "{name} website",
        "footer.hours": "Opening hours",
        "footer.staff": "For clinic staff:",
        "footer.suggest": "Suggest a change to this page",
        # Handout pages and links
        "handout.print": "Print this handout",
        "handout.page": "(handout page)",
        "handout.none": "No handout is available in this language yet.",
        "handout.pdf_letter": "PDF, US Letter",
        "handout.pdf_a4": "PDF, A4",
        "handout.pdf_large": "Large-print PDF",
        "handout.large_version": "Large-print version: {title}",
        "handout.regular_version": "Regular print version",
        "handout.large_version_here": "Large-print version (bigger text)",
        # The printed sheet
        "sheet.demo": "Demo site:",
        "sheet.demo_text": "not a real clinic.",
        "sheet.phone": "Phone:",
        "sheet.how": "Tick a box each day you do a drill. Scan a square code with your phone to see the drill online.",
        "sheet.patient": "Patient name",
        "sheet.date": "Date",
        "sheet.therapist": "Therapist",
        "sheet.how_much": "How much:",
        "sheet.what_it_does": "What it does:",
        "sheet.master_first": "Master first:",
        "sheet.start": "Start:",
        "sheet.when_to_stop": "When to stop:",
        "sheet.qr": "QR code: opens the page for {name}, {url}",
        "sheet.days_done": "Days done:",
        "sheet.week": "Week {n}:",
        "sheet.qr_label": "Scan to see this drill online",
        "sheet.qr_label_video": "Scan to watch the video",
        "sheet.message": "Questions about your exercises? Call us at {phone}.",
        "sheet.stop_and_call": "Stop and call us",
        "sheet.stop_and_call_text": "if pain spreads, gets sharper, or you feel numbness or tingling.",
        "sheet.note": "Note:",
        "sheet.page": "Page {page} of {pages}",
        # The handout builder
        "builder.sheet_title": "Your home exercises",
        "builder.other_drills": "Other drills",
        "builder.no_script": "The handout builder needs JavaScript, which is turned off in this browser. You can still print a program's handout from the list of handouts.",
        "builder.choose": "1. Choose drills",
        "builder.find": "Find a drill by name",
        "builder.not_in_language": "(not in the sheet's language yet)",
        "builder.order": "2. Order and how much",
        "builder.no_drills": "No drills chosen yet.",
        "builder.patient": "3. Patient",
        "builder.patient_note": "These are printed on the sheet only. They are not saved, sent, or put in the link.",
        "builder.patient_name": "Patient's name",
        "builder.date": "Date (as you want it printed)",
        "builder.therapist": "Therapist's name",
        "builder.notes": "Notes for the patient (printed under the heading)",
        "builder.print_step": "4. Print or keep as a link",
        "builder.sheet_language": "Language of the printed sheet",
        "builder.tracker_weeks": "Boxes to tick under each drill",
        "builder.weeks": "{n} weeks",
        "builder.one_week": "1 week",
        "builder.print": "Print the handout",
        "builder.link_note": "A link keeps the drills, their order and how much of each, so you can use the same set again. It never holds the patient's name, the date or any notes.",
        "builder.copy_link": "Copy link",
        "builder.link": "Link to these drills",
        "builder.preview": "Preview of the printed sheet",
        "builder.notes_label": "Notes:",
        "builder.empty": "Choose drills above. They appear here as they will print.",
        "builder.move_up": "Move up",
        "builder.move_down": "Move down",
        "builder.remove": "Remove",
        "builder.sets": "Sets",
        "builder.reps": "Reps",
        "builder.hold_seconds": "Hold (seconds)",
        "builder.per_day": "Times a day",
        "builder.each_side": "Each side",
        "builder.drill_note": "Short note for this drill (printed by its tick boxes)",
        "builder.prints_as": "Prints as:",
        # The builder's script says these ({name}s filled in by the script)
        "builder.script.no_dose": "no dose set",
        "builder.script.added": "{name} added as number {number}.",
        "builder.script.removed": "{name} removed.",
        "builder.script.moved": "{name} is now number {number} of {count}.",
        "builder.script.opened_one": "Opened from a link: 1 drill.",
        "builder.script.opened_other": "Opened from a link: {count} drills.",
        "builder.script.matches_one": "1 drill matches.",
        "builder.script.matches_other": "{count} drills match.",
        "builder.script.no_match": "No drill has that in its name.",
        "builder.script.ignored": "Part of this link was not understood and was left out: {parts}",
        "builder.script.ignored_more_one": " and 1 more part",
        "builder.script.ignored_more_other": " and {count} more parts",
        "builder.script.ignored_opened": ". The rest of the link was opened: check the drills below.",
        "builder.script.ignored_none": ". Choose the drills you need below.",
        "builder.script.choose_first": "Choose at least one drill first.",
        "builder.script.copied": "Link copied. Paste it where you keep your programs.",
        "builder.script.not_copied": "This browser did not let the page copy. The link above is selected: press Ctrl+C (Command+C on a Mac) to copy it.",
        "builder.script.left_off": "Not in this language yet, so taken off the sheet: {names}.",
    },
    "es": {
        "title.large_print": "{title} (letra grande)",
        "title.printable": "{title}: hoja para imprimir",
        "in_english": "en inglés",
        "date_locale": "es-US",
        "level": "Nivel:",
        "level.beginner": "Principiante",
        "level.intermediate": "Intermedio",
        "level.advanced": "Avanzado",
        "reviewed.by": "Revisado por",
        "reviewed.on": "el",
        "date": "{day} de {month} de {year}",
        "drill.works_on": "Zonas que trabaja:",
        "drill.helps_with": "Este ejercicio puede ayudar con:",
        "index.showing": "Se muestran {shown} de {total} ejercicios.",
        "cta.book": "Llámenos para hacer una cita: {offer}.",
        "cta.call": "Llame al {phone}",
        "cta.email": "Escriba a {email}",
        "cta.call_short": "llame al",
        "disclaimer.label": "Tenga en cuenta:",
        "drill.how_much": "Cuánto:",
        "drill.print": "Imprimir este ejercicio",
        "drill.on_handout": "Este ejercicio está en la hoja",
        "drill.on_handout_after": ", con los otros ejercicios que se hacen con él, lista para imprimir.",
        "drill.each_side": "Haga este ejercicio de los dos lados.",
        "drill.each_side_how": "Haga todas de un lado y luego cambie de lado.",
        "drill.master_first": "Domine estos primero",
        "drill.position": "Posición inicial",
        "drill.steps": "Pasos",
        "drill.tips": "Consejos",
        "drill.when_to_stop": "Cuándo parar",
        "drill.video": "Vea un video de {name}",
        "drill.video_note": "(abre otro sitio web en una pestaña nueva)",
        "index.level": "Nivel",
        "index.all_levels": "Todos los niveles",
        "index.body_area": "Parte del cuerpo",
        "index.all_body_areas": "Todas las partes del cuerpo",
        "causes.drills": "Ejercicios que pueden ayudar:",
        "causes.no_drills": "Un terapeuta físico puede revisar esto y mostrarle qué ayuda.",
        "causes.none_yet": "Este sitio todavía no tiene ejercicios para hacer en casa para: {causes}.",
        "causes.check_one": "Un terapeuta físico puede revisar esto y mostrarle qué ayuda.",
        "causes.check_many": "Un terapeuta físico puede revisar estas causas y mostrarle qué ayuda.",
        "program.print": "Imprima estos {count} ejercicios",
        "key_points": "Puntos clave",
        "urgent.label": "Cuándo buscar atención de emergencia",
        "urgent.title": "Llame al {number} o vaya a la sala de emergencias si tiene:",
        "cta.book_online": "Haga una cita en internet",
        "footer.phone": "Teléfono:",
        "footer.email": "Correo electrónico:",
        "footer.website": "Sitio web de {name}",
        "footer.hours": "Horario",
        "footer.staff": "Para el personal de la clínica:",
        "footer.suggest": "Sugerir un cambio en esta página",
        "handout.print": "Imprimir esta hoja",
        "handout.page": "(página de la hoja)",
        "handout.none": "Todavía no hay hojas en este idioma.",
        "handout.pdf_letter": "PDF, carta (EE. UU.)",
        "handout.pdf_a4": "PDF, A4",
        "handout.pdf_large": "PDF en letra grande",
        "handout.large_version": "Versión en letra grande: {title}",
        "handout.regular_version": "Versión en letra normal",
        "handout.large_version_here": "Versión en letra grande (texto más grande)",
        "sheet.demo": "Sitio de demostración:",
        "sheet.demo_text": "no es una clínica real.",
        "sheet.phone": "Teléfono:",
        "sheet.how": "Marque una casilla cada día que haga un ejercicio. Escanee un código cuadrado con su teléfono para ver el ejercicio en internet.",
        "sheet.patient": "Nombre del paciente",
        "sheet.date": "Fecha",
        "sheet.therapist": "Terapeuta",
        "sheet.how_much": "Cuánto:",
        "sheet.what_it_does": "Para qué sirve:",
        "sheet.master_first": "Domine primero:",
        "sheet.start": "Inicio:",
        "sheet.when_to_stop": "Cuándo parar:",
        "sheet.qr": "Código QR: abre la página de {name}, {url}",
        "sheet.days_done": "Días hechos:",
        "sheet.week": "Semana {n}:",
        "sheet.qr_label": "Escanee para verlo en internet",
        "sheet.qr_label_video": "Escanee para ver el video",
        "sheet.message": "¿Tiene preguntas sobre sus ejercicios? Llámenos al {phone}.",
        "sheet.stop_and_call": "Pare y llámenos",
        "sheet.stop_and_call_text": "si el dolor se extiende, se vuelve más agudo, o si siente entumecimiento u hormigueo.",
        "sheet.note": "Nota:",
        "sheet.page": "Página {page} de {pages}",
        "builder.sheet_title": "Sus ejercicios en casa",
        "builder.other_drills": "Otros ejercicios",
        "builder.no_script": "El creador de hojas necesita JavaScript, que está apagado en este navegador. Todavía puede imprimir la hoja de un programa desde la lista de hojas.",
        "builder.choose": "1. Elija los ejercicios",
        "builder.find": "Busque un ejercicio por su nombre",
        "builder.not_in_language": "(todavía no está en el idioma de la hoja)",
        "builder.order": "2. Orden y cuánto",
        "builder.no_drills": "Todavía no eligió ejercicios.",
        "builder.patient": "3. Paciente",
        "builder.patient_note": "Esto solo se imprime en la hoja. No se guarda, no se envía y no va en el enlace.",
        "builder.patient_name": "Nombre del paciente",
        "builder.date": "Fecha (como quiere que se imprima)",
        "builder.therapist": "Nombre del terapeuta",
        "builder.notes": "Notas para el paciente (se imprimen debajo del título)",
        "builder.print_step": "4. Imprima o guarde como enlace",
        "builder.sheet_language": "Idioma de la hoja impresa",
        "builder.tracker_weeks": "Casillas para marcar debajo de cada ejercicio",
        "builder.weeks": "{n} semanas",
        "builder.one_week": "1 semana",
        "builder.print": "Imprimir la hoja",
        "builder.link_note": "Un enlace guarda los ejercicios, su orden y cuánto hacer de cada uno, para usar el mismo grupo otra vez. Nunca guarda el nombre del paciente, la fecha ni las notas.",
        "builder.copy_link": "Copiar enlace",
        "builder.link": "Enlace a estos ejercicios",
        "builder.preview": "Vista previa de la hoja impresa",
        "builder.notes_label": "Notas:",
        "builder.empty": "Elija ejercicios arriba. Aparecen aquí como se van a imprimir.",
        "builder.move_up": "Subir",
        "builder.move_down": "Bajar",
        "builder.remove": "Quitar",
        "builder.sets": "Series",
        "builder.reps": "Repeticiones",
        "builder.hold_seconds": "Mantener (segundos)",
        "builder.per_day": "Veces al día",
        "builder.each_side": "De cada lado",
        "builder.drill_note": "Nota corta para este ejercicio (se imprime junto a sus casillas)",
        "builder.prints_as": "Se imprime así:",
        "builder.script.no_dose": "sin cantidad",
        "builder.script.added": "Se agregó {name} como número {number}.",
        "builder.script.removed": "Se quitó {name}.",
        "builder.script.moved": "{name} ahora es el número {number} de {count}.",
        "builder.script.opened_one": "Se abrió desde un enlace: 1 ejercicio.",
        "builder.script.opened_other": "Se abrió desde un enlace: {count} ejercicios.",
        "builder.script.matches_one": "1 ejercicio coincide.",
        "builder.script.matches_other": "{count} ejercicios coinciden.",
        "builder.script.no_match": "Ningún ejercicio tiene eso en su nombre.",
        "builder.script.ignored": "No se entendió una parte de este enlace y se dejó fuera: {parts}",
        "builder.script.ignored_more_one": " y 1 parte más",
        "builder.script.ignored_more_other": " y {count} partes más",
        "builder.script.ignored_opened": ". Se abrió el resto del enlace: revise los ejercicios abajo.",
        "builder.script.ignored_none": ". Elija abajo los ejercicios que necesita.",
        "builder.script.choose_first": "Primero elija al menos un ejercicio.",
        "builder.script.copied": "Se copió el enlace. Péguelo donde guarda sus programas.",
        "builder.script.not_copied": "Este navegador no dejó que la página copiara. El enlace de arriba está seleccionado: presione Ctrl+C (Comando+C en una Mac) para copiarlo.",
        "builder.script.left_off": "Todavía no está en este idioma, así que se quitó de la hoja: {names}.",
    },
}

# Each language's name in itself, for choosing a sheet's language.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}

# The months, January first, for dates written in words.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}

# The days of the week as the trackers print them, Monday first.
DAYS: dict[str, tuple[str, ...]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "es": ("Lun", "Mar", "Mié", "Jue", "Vie", "Sáb", "Dom"),
}


class UiStrings(Mapping[str, object]):
    """One language's table: ``t["key"]``; ``t.days`` the day names, ``t.months`` the months;
    ``t.language`` its code."""

    def __init__(self, language: str) -> None:
        if language not in STRINGS:
            raise LookupError(
                f"the site's interface has no words in '{language}' yet: add a table for it to "
                f"macros/strings.py (languages there: {', '.join(STRINGS)})"
            )
        missing = sorted(set(STRINGS["en"]) - set(STRINGS[language]))
        if missing:
            raise LookupError(
                f"macros/strings.py: the '{language}' table lacks {', '.join(missing)}: translate them "
                "from the 'en' table"
            )
        self.language = language
        self.days = DAYS[language]
        self.months = MONTHS[language]
        self._table = MappingProxyType(STRINGS[language])

    def __getitem__(self, key: str) -> str:
        return self._table[key]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


def strings_for(language: str) -> UiStrings:
    return UiStrings(language)
