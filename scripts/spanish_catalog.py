"""Write the clause library's Spanish catalog of the community summary (es.po).

    python scripts/spanish_catalog.py   # after changing a message or its translation

The translations are written by hand here (not by a machine); a message without one is
refused, so a new sentence in the library cannot go out half in English.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from ordinance_drafter.library.loader import load_library
from ordinance_drafter.packet.i18n import DOMAIN, messages, placeholders

ES = {
    "A summary for residents: the proposed ordinance on federal immigration enforcement": "Resumen para los residentes: la ordenanza propuesta sobre la aplicación de las leyes federales de inmigración",
    "A summary for residents: the proposed county ordinance on federal immigration enforcement": "Resumen para los residentes: la ordenanza del condado propuesta sobre la aplicación de las leyes federales de inmigración",
    "Unofficial translation. The English version of this summary and the ordinance itself are the official texts; where they differ, the English controls.": "Traducción no oficial. Los textos oficiales son la versión en inglés de este resumen y la propia ordenanza; si hay alguna diferencia, prevalece el inglés.",
    "This is a model summary of a draft for review by the %(attorney)s. It is not legal advice, and it is not the ordinance.": "Este es un resumen modelo de un borrador que debe revisar la oficina jurídica (%(attorney)s). No es asesoría legal ni es la ordenanza.",
    "This is a proposal. State law limits what %(full_name)s may adopt on this subject, and the ordinance may change or may not be adopted.": "Esto es una propuesta. La ley estatal limita lo que %(full_name)s puede aprobar sobre este tema, y la ordenanza puede cambiar o no llegar a aprobarse.",
    "The %(body)s is considering an ordinance about how employees of %(full_name)s respond to federal immigration enforcement. If it is adopted, these are the main changes.": "El órgano de gobierno (%(body)s) está estudiando una ordenanza sobre cómo responden los empleados de %(full_name)s ante las medidas federales de control migratorio. Si se aprueba, estos son los cambios principales.",
    "What would change": "Qué cambiaría",
    "What would not change": "Qué no cambiaría",
    "Federal immigration law still applies, and federal agents can still enforce it. This ordinance governs only what local employees do.": "La ley federal de inmigración sigue vigente y los agentes federales pueden seguir aplicándola. Esta ordenanza solo regula lo que hacen los empleados locales.",
    "Local employees will still follow a warrant signed by a judge, and police will still investigate crimes.": "Los empleados locales seguirán cumpliendo las órdenes firmadas por un juez, y la policía seguirá investigando los delitos.",
    "Where to report a violation": "Dónde denunciar una infracción",
    "If you believe a local employee broke this ordinance, you can report it to %(office)s. You do not have to give your immigration status to make a report.": "Si cree que un empleado local no cumplió esta ordenanza, puede denunciarlo ante esta oficina: %(office)s. No tiene que decir cuál es su situación migratoria para presentar la denuncia.",
    "If you believe a local employee broke this ordinance, you can tell the office of the %(executive)s. You do not have to give your immigration status to make a report.": "Si cree que un empleado local no cumplió esta ordenanza, puede comunicarlo a la oficina del cargo de %(executive)s. No tiene que decir cuál es su situación migratoria para presentar la denuncia.",
    "You can read the full ordinance at the offices of %(full_name)s and on its website.": "Puede leer la ordenanza completa en las oficinas de %(full_name)s y en su sitio web.",
    "City employees will not ask about your immigration status unless a law or a program's rules require it.": "Los empleados de la ciudad no le preguntarán por su situación migratoria, salvo que lo exija una ley o las reglas de un programa.",
    "County employees will not ask about your immigration status unless a law or a program's rules require it.": "Los empleados del condado no le preguntarán por su situación migratoria, salvo que lo exija una ley o las reglas de un programa.",
    "Local money, staff, buildings and equipment will not be used to enforce federal civil immigration law.": "El dinero, el personal, los edificios y el equipo locales no se usarán para aplicar la ley federal de inmigración en materia civil.",
    "Local police will not stop, question or arrest people for federal civil immigration violations.": "La policía local no detendrá, interrogará ni arrestará a nadie por infracciones civiles de la ley federal de inmigración.",
    "The jail will not keep anyone past the time of release only because federal immigration officers ask it to.": "La cárcel no retendrá a nadie después de la hora de su liberación solo porque lo pidan agentes federales de inmigración.",
    "The jail will keep a person past release for federal immigration officers only when a judge has signed a warrant.": "La cárcel solo retendrá a una persona después de su liberación para entregarla a agentes federales de inmigración cuando un juez haya firmado una orden.",
    "Local officers will not be deputized to act as federal immigration agents.": "Los agentes locales no serán habilitados para actuar como agentes federales de inmigración.",
    "Local employees will not share your address, phone number or other private information for federal civil immigration enforcement unless the law requires it.": "Los empleados locales no compartirán su dirección, su número de teléfono ni otros datos privados para fines de control migratorio civil federal, salvo que la ley lo exija.",
    "Public parking lots and other public property will not be used as staging areas for federal civil immigration enforcement.": "Los estacionamientos y otros bienes públicos no se usarán como puntos de reunión para operativos federales de control migratorio civil.",
    "The public places the ordinance lists will keep federal immigration officers out of their non-public areas unless a judge has signed a warrant.": "En los lugares públicos que señala la ordenanza, los agentes federales de inmigración no podrán entrar en las áreas que no están abiertas al público, salvo que un juez haya firmado una orden.",
    "Local services are open to everyone who is eligible, whatever their immigration status.": "Los servicios locales están abiertos a todas las personas que cumplan los requisitos, sea cual sea su situación migratoria.",
    "The government will not keep a registry of people based on religion, national origin or immigration status.": "El gobierno no llevará registros de personas según su religión, su origen nacional o su situación migratoria.",
    "Local offices will accept a foreign passport or consular identification card as proof of identity.": "Las oficinas locales aceptarán un pasaporte extranjero o una matrícula consular como prueba de identidad.",
    "Victims of crime who help police can ask for the signed form that a U or T visa application needs, and will get an answer within %(response_days)s days.": "Las víctimas de delitos que colaboran con la policía pueden pedir el formulario firmado que exige la solicitud de una visa U o T, y recibirán una respuesta en un plazo de %(response_days)s días.",
    "Officers must show their name or badge number while on duty, and must not cover their faces except for the safety reasons the ordinance lists.": "Los agentes deben mostrar su nombre o su número de placa mientras están de servicio, y no deben cubrirse la cara salvo por los motivos de seguridad que señala la ordenanza.",
    "The %(executive)s will publish regular reports on federal immigration requests and how they were answered.": "El cargo de %(executive)s publicará informes periódicos sobre las solicitudes de las autoridades federales de inmigración y cómo se respondieron.",
    "Anyone can make a complaint that an employee broke the ordinance, online, by phone, by mail or in person, and will hear back within %(acknowledge_days)s days.": "Cualquier persona puede presentar una queja de que un empleado no cumplió la ordenanza, por internet, por teléfono, por correo o en persona, y recibirá respuesta en un plazo de %(acknowledge_days)s días.",
    "A person harmed by a violation can ask a court to order the government to follow the ordinance.": "Una persona perjudicada por una infracción puede pedir a un tribunal que ordene al gobierno cumplir la ordenanza.",
    "Local police will still work with federal agents to investigate crimes and respond to emergencies.": "La policía local seguirá colaborando con los agentes federales para investigar delitos y atender emergencias.",
    "The ordinance does not stop anyone from sharing information about immigration status with federal officials when federal law protects that sharing.": "La ordenanza no impide que alguien comparta información sobre la situación migratoria con funcionarios federales cuando la ley federal protege ese intercambio.",
    "DRAFT": "BORRADOR",
    "Page {} of {}": "Página {} de {}",
}


def main() -> int:
    library = load_library()
    catalog = Catalog(
        locale="es",
        domain=DOMAIN,
        project="Ordinance Drafter clause library",
        version=library.version,
        fuzzy=False,
    )
    missing = []
    for text, locations in messages(library):
        if text not in ES:
            missing.append(text)
            continue
        assert placeholders(text) == placeholders(ES[text]), text
        catalog.add(text, ES[text], locations=[(p, n or None) for p, n in locations])
    if missing:
        print("No Spanish translation for:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    out = io.BytesIO()
    write_po(out, catalog, width=88, sort_output=False, omit_header=False)
    path = library.root / "packet" / "locale" / "es" / "LC_MESSAGES" / f"{DOMAIN}.po"
    text = out.getvalue().decode("utf-8")
    text = (
        "\n".join(
            l
            for l in text.splitlines()
            if not l.startswith('"POT-Creation-Date') and not l.startswith('"PO-Revision-Date')
        )
        + "\n"
    )
    Path(path).write_text(text, encoding="utf-8")
    print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
