<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ErrorText</name>
    <message>
        <source>The server cannot be reached. Check the network and try again.</source>
        <translation>Der Server ist nicht erreichbar. Bitte die Netzwerkverbindung prüfen und erneut versuchen.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>You are signed out (%1). Please sign in again.</source>
        <translation>Sie sind abgemeldet (%1). Bitte erneut anmelden.</translation>
    </message>
    <message>
        <source>You may not do this: %1</source>
        <translation>Das ist Ihnen nicht erlaubt: %1</translation>
    </message>
    <message>
        <source>The server had a problem and saved nothing: %1</source>
        <translation>Der Server hatte ein Problem und hat nichts gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Open for enrolment</source>
        <translation>Anmeldung offen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgesagt</translation>
    </message>
    <message>
        <source>Trainer qualification</source>
        <translation>Trainer:innenqualifizierung</translation>
    </message>
    <message>
        <source>Volunteer course</source>
        <translation>Weiterbildungsreihe im Ehrenamt</translation>
    </message>
    <message>
        <source>Apprentice parcours</source>
        <translation>Vielfaltsparcours für Auszubildende</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>requested</source>
        <translation>angefragt</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>zugesagt</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>abgesagt</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>Wartet auf Freigabe</translation>
    </message>
    <message>
        <source>Waiting list</source>
        <translation>Warteliste</translation>
    </message>
    <message>
        <source>Seat (confirmed)</source>
        <translation>Platz (verbindlich zugesagt)</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Anwesend</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Verspätet</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>Entschuldigt</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Unentschuldigt gefehlt</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Nicht erfasst</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>Ersetzt</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>Platz</translation>
    </message>
    <message>
        <source>Volunteers</source>
        <translation>Ehrenamtliche</translation>
    </message>
    <message>
        <source>Apprentices</source>
        <translation>Auszubildende</translation>
    </message>
    <message>
        <source>Administration staff</source>
        <translation>Verwaltungsmitarbeitende</translation>
    </message>
    <message>
        <source>Managers</source>
        <translation>Führungskräfte</translation>
    </message>
    <message>
        <source>Trainers</source>
        <translation>Referent:innen</translation>
    </message>
</context>
<context>
    <name>TokenStore</name>
    <message>
        <source>the keychain holds no sign-in for this account</source>
        <translation>der Schlüsselbund enthält keine Anmeldung für dieses Konto</translation>
    </message>
    <message>
        <source>the keychain could not delete the old sign-in</source>
        <translation>der Schlüsselbund konnte die alte Anmeldung nicht löschen</translation>
    </message>
    <message>
        <source>access to the keychain was refused</source>
        <translation>der Zugriff auf den Schlüsselbund wurde abgelehnt</translation>
    </message>
    <message>
        <source>the keychain does not allow access</source>
        <translation>der Schlüsselbund erlaubt keinen Zugriff</translation>
    </message>
    <message>
        <source>no keychain (GNOME Keyring or KWallet) is running</source>
        <translation>kein Schlüsselbund (GNOME Keyring oder KWallet) läuft</translation>
    </message>
    <message>
        <source>this system has no keychain trainhub can use</source>
        <translation>dieses System hat keinen Schlüsselbund, den trainhub nutzen kann</translation>
    </message>
    <message>
        <source>the keychain reported an error</source>
        <translation>der Schlüsselbund hat einen Fehler gemeldet</translation>
    </message>
    <message>
        <source>the keychain did not answer</source>
        <translation>der Schlüsselbund hat nicht geantwortet</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::AttendancePanel</name>
    <message numerus="yes">
        <source>%1 (%n min missed)</source>
        <translation>
            <numerusform>%1 (%n Min. versäumt)</numerusform>
            <numerusform>%1 (%n Min. versäumt)</numerusform>
        </translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Erfasst</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Attendance of the session</source>
        <translation>Anwesenheit des Termins</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>History of the selected person</source>
        <translation>Verlauf der ausgewählten Person</translation>
    </message>
    <message>
        <source>Co&amp;rrect…</source>
        <translation>&amp;Korrigieren…</translation>
    </message>
    <message>
        <source>Sess&amp;ion:</source>
        <translation>Term&amp;in:</translation>
    </message>
    <message>
        <source>History of the selected person (who changed what, when and why):</source>
        <translation>Verlauf der ausgewählten Person (wer hat was wann und warum geändert):</translation>
    </message>
    <message>
        <source>This series has no sessions yet.</source>
        <translation>Diese Reihe hat noch keine Termine.</translation>
    </message>
    <message>
        <source>%1, checked in</source>
        <translation>%1, selbst eingecheckt</translation>
    </message>
    <message>
        <source>check: two devices recorded different statuses</source>
        <translation>prüfen: zwei Geräte haben Verschiedenes erfasst</translation>
    </message>
    <message>
        <source>%1 recorded, %2 still without a status.</source>
        <translation>%1 erfasst, %2 noch ohne Status.</translation>
    </message>
    <message>
        <source>Signed off by %1 on %2. Each correction needs a reason, which the history keeps.</source>
        <translation>Abgeschlossen von %1 am %2. Jede Korrektur braucht einen Grund, der im Verlauf bleibt.</translation>
    </message>
    <message>
        <source>Not signed off yet.</source>
        <translation>Noch nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>self check-in</source>
        <translation>Selbst-Check-in</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::AttendanceSheetWidget</name>
    <message>
        <source>The session has not begun yet: until it begins only excused absences can be recorded.</source>
        <translation>Der Termin hat noch nicht begonnen: bis zu seinem Beginn kann nur entschuldigtes Fehlen erfasst werden.</translation>
    </message>
    <message>
        <source>P</source>
        <translation>A</translation>
    </message>
    <message>
        <source>L</source>
        <translation>V</translation>
    </message>
    <message>
        <source>E</source>
        <translation>E</translation>
    </message>
    <message>
        <source>A</source>
        <translation>U</translation>
    </message>
    <message>
        <source>Mark all &amp;present</source>
        <translation>Alle als &amp;anwesend markieren</translation>
    </message>
    <message>
        <source>&amp;Sign off the sheet</source>
        <translation>Liste a&amp;bschließen</translation>
    </message>
    <message>
        <source>Show check-in &amp;code</source>
        <translation>Check-in-&amp;Code zeigen</translation>
    </message>
    <message>
        <source>The server cannot be reached and this sheet was not opened before on this computer.</source>
        <translation>Der Server ist nicht erreichbar, und diese Liste wurde auf diesem Computer noch nie geöffnet.</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>wartet auf das Senden</translation>
    </message>
    <message>
        <source>not accepted: %1</source>
        <translation>nicht angenommen: %1</translation>
    </message>
    <message>
        <source>check: two devices recorded different statuses</source>
        <translation>prüfen: zwei Geräte haben Verschiedenes erfasst</translation>
    </message>
    <message>
        <source>checked in</source>
        <translation>eingecheckt</translation>
    </message>
    <message>
        <source>%1 recorded, %2 still without a status.</source>
        <translation>%1 erfasst, %2 noch ohne Status.</translation>
    </message>
    <message>
        <source>Signed off by %1 on %2; only coordinators change it now.</source>
        <translation>Abgeschlossen von %1 am %2; nur noch Koordinator:innen können sie ändern.</translation>
    </message>
    <message>
        <source>Offline: the sheet as last seen on this computer. Marks are kept here and sent when the server is back.</source>
        <translation>Offline: die Liste, wie sie zuletzt auf diesem Computer zu sehen war. Einträge werden hier gespeichert und gesendet, sobald der Server wieder erreichbar ist.</translation>
    </message>
    <message numerus="yes">
        <source>%n mark(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n Eintrag wartet auf das Senden.</numerusform>
            <numerusform>%n Einträge warten auf das Senden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign off</source>
        <translation>Abschließen</translation>
    </message>
    <message>
        <source>Sign off this sheet? Afterwards only coordinators can change it, each change with a reason.</source>
        <translation>Diese Liste abschließen? Danach können nur noch Koordinator:innen sie ändern, jede Änderung mit Begründung.</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) missed</source>
        <translation>
            <numerusform>%n Minute versäumt</numerusform>
            <numerusform>%n Minuten versäumt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::CertificatesPanel</name>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Reihe</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Inhaber:in</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Certificates of the series</source>
        <translation>Zertifikate der Reihe</translation>
    </message>
    <message>
        <source>Include revoked and replaced ones in the ZIP</source>
        <translation>Widerrufene und ersetzte mit ins ZIP</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>&amp;Widerrufen…</translation>
    </message>
    <message>
        <source>Reiss&amp;ue…</source>
        <translation>&amp;Neu ausstellen…</translation>
    </message>
    <message>
        <source>Save all as &amp;ZIP…</source>
        <translation>Alle als &amp;ZIP speichern…</translation>
    </message>
    <message>
        <source>revoked on %1: %2</source>
        <translation>widerrufen am %1: %2</translation>
    </message>
    <message>
        <source>replaced by %1: %2</source>
        <translation>ersetzt durch %1: %2</translation>
    </message>
    <message>
        <source>replaces %1</source>
        <translation>ersetzt %1</translation>
    </message>
    <message>
        <source>No certificates issued yet.</source>
        <translation>Noch keine Zertifikate ausgestellt.</translation>
    </message>
    <message>
        <source>Revoke a certificate</source>
        <translation>Zertifikat widerrufen</translation>
    </message>
    <message>
        <source>Reissue a certificate</source>
        <translation>Zertifikat neu ausstellen</translation>
    </message>
    <message>
        <source>Revoke the %1 %2 of %3?

This cannot be undone: from now on anyone who checks the number is told that it was revoked, with the reason you give here.</source>
        <translation>%1 %2 von %3 widerrufen?

Das lässt sich nicht rückgängig machen: Wer die Nummer prüft, erfährt von nun an, dass sie widerrufen wurde, mit dem Grund, den Sie hier angeben.</translation>
    </message>
    <message>
        <source>Replace the %1 %2 of %3 by a new one made from today&apos;s data (e.g. after a name was corrected)?

The old number then counts as replaced; anyone who checks it is told so, with the reason you give here.</source>
        <translation>%1 %2 von %3 durch ein neues aus den heutigen Daten ersetzen (z. B. nach der Korrektur eines Namens)?

Die alte Nummer gilt dann als ersetzt; wer sie prüft, erfährt das, mit dem Grund, den Sie hier angeben.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Reissue</source>
        <translation>Neu ausstellen</translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation>Wird widerrufen…</translation>
    </message>
    <message>
        <source>Reissuing…</source>
        <translation>Wird neu ausgestellt…</translation>
    </message>
    <message>
        <source>%1 is revoked.</source>
        <translation>%1 ist widerrufen.</translation>
    </message>
    <message>
        <source>%1 replaces %2.</source>
        <translation>%1 ersetzt %2.</translation>
    </message>
    <message>
        <source>Certificates series %1.zip</source>
        <translation>Zertifikate Reihe %1.zip</translation>
    </message>
    <message>
        <source>ZIP files (*.zip)</source>
        <translation>ZIP-Dateien (*.zip)</translation>
    </message>
    <message>
        <source>Saving the certificates…</source>
        <translation>Die Zertifikate werden gespeichert…</translation>
    </message>
    <message>
        <source>the file is larger than 4 GB</source>
        <translation>die Datei ist größer als 4 GB</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Saved %1 (%2).</source>
        <translation>%1 gespeichert (%2).</translation>
    </message>
    <message>
        <source>erased (person %1)</source>
        <translation>gelöscht (Person %1)</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::CheckInDialog</name>
    <message>
        <source>Check-in</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>Check in: enter this code in trainhub or scan the QR code</source>
        <translation>Check-in: Code in trainhub eingeben oder QR-Code scannen</translation>
    </message>
    <message>
        <source>Check-in code</source>
        <translation>Check-in-Code</translation>
    </message>
    <message>
        <source>Check-in QR code</source>
        <translation>QR-Code für den Check-in</translation>
    </message>
    <message>
        <source>&amp;End check-in</source>
        <translation>Check-in b&amp;eenden</translation>
    </message>
    <message>
        <source>&amp;Hide (check-in stays open)</source>
        <translation>&amp;Ausblenden (Check-in bleibt offen)</translation>
    </message>
    <message>
        <source>Check-in is closed.</source>
        <translation>Der Check-in ist geschlossen.</translation>
    </message>
    <message>
        <source>Open until %1. The code changes every 30 seconds.</source>
        <translation>Offen bis %1. Der Code wechselt alle 30 Sekunden.</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::CompletionPanel</name>
    <message>
        <source>On track</source>
        <translation>Auf gutem Weg</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Gefährdet</translation>
    </message>
    <message>
        <source>Cannot complete</source>
        <translation>Abschluss nicht mehr möglich</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Not completed</source>
        <translation>Nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Would get</source>
        <translation>Würde erhalten</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>Module</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>Entschuldigt</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Unentschuldigt gefehlt</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Completion forecast</source>
        <translation>Abschlussprognose</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Issue certificates…</source>
        <translation>Bescheinigungen &amp;ausstellen…</translation>
    </message>
    <message>
        <source>Nobody held a seat in this series yet.</source>
        <translation>In dieser Reihe hatte noch niemand einen Platz.</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) at risk or unable to complete.</source>
        <translation>
            <numerusform>%n Person gefährdet oder ohne Chance auf Abschluss.</numerusform>
            <numerusform>%n Personen gefährdet oder ohne Chance auf Abschluss.</numerusform>
        </translation>
    </message>
    <message>
        <source>Issue certificates: preview</source>
        <translation>Bescheinigungen ausstellen: Vorschau</translation>
    </message>
    <message>
        <source>Gets</source>
        <translation>Erhält</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Who gets what</source>
        <translation>Wer erhält was</translation>
    </message>
    <message>
        <source>already holds %1: skipped</source>
        <translation>hat bereits %1: übersprungen</translation>
    </message>
    <message>
        <source>by a coordinator&apos;s decision</source>
        <translation>nach Entscheidung der Koordination</translation>
    </message>
    <message numerus="yes">
        <source>Issue %n certificate(s)</source>
        <translation>
            <numerusform>%n Bescheinigung ausstellen</numerusform>
            <numerusform>%n Bescheinigungen ausstellen</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificates are signed and cannot be changed once issued (only revoked or replaced).</source>
        <translation>Bescheinigungen werden signiert und lassen sich nach dem Ausstellen nicht mehr ändern (nur widerrufen oder ersetzen).</translation>
    </message>
    <message>
        <source>Issuing…</source>
        <translation>Wird ausgestellt…</translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s) issued.</source>
        <translation>
            <numerusform>%n Bescheinigung ausgestellt.</numerusform>
            <numerusform>%n Bescheinigungen ausgestellt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Issue for the selected &amp;person…</source>
        <translation>Für die ausgewählte &amp;Person ausstellen…</translation>
    </message>
    <message>
        <source>Issue a certificate</source>
        <translation>Zertifikat ausstellen</translation>
    </message>
    <message>
        <source>Issue a %1 to %2 now?

Certificates are signed and cannot be changed once issued (only revoked or replaced).</source>
        <translation>%1 für %2 jetzt ausstellen?

Zertifikate werden signiert und lassen sich nach dem Ausstellen nicht mehr ändern (nur widerrufen oder ersetzen).</translation>
    </message>
    <message>
        <source>%1 %2 issued to %3.</source>
        <translation>%1 %2 für %3 ausgestellt.</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::CorrectionDialog</name>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Minutes missed</source>
        <translation>Versäumte Minuten</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Correct attendance: %1</source>
        <translation>Anwesenheit korrigieren: %1</translation>
    </message>
    <message>
        <source>%1 – %2
%3
Now: %4</source>
        <translation>%1 – %2
%3
Bisher: %4</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>Neuer Status</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Grund der Änderung</translation>
    </message>
    <message>
        <source>required: the sheet is signed off</source>
        <translation>nötig: die Liste ist abgeschlossen</translation>
    </message>
    <message>
        <source>optional; kept in the history</source>
        <translation>freiwillig; bleibt im Verlauf</translation>
    </message>
    <message>
        <source>Save the correction</source>
        <translation>Korrektur speichern</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;Minutes missed:</source>
        <translation>&amp;Versäumte Minuten:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;otiz:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::DesktopApp</name>
    <message>
        <source>trainhub</source>
        <translation>trainhub</translation>
    </message>
    <message>
        <source>The local file for offline attendance cannot be opened (%1): %2</source>
        <translation>Die lokale Datei für Offline-Anwesenheit kann nicht geöffnet werden (%1): %2</translation>
    </message>
    <message>
        <source>No system keychain (%1): you will sign in again next time.</source>
        <translation>Kein Schlüsselbund des Systems (%1): beim nächsten Start bitte erneut anmelden.</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::EnrolmentBoard</name>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Outside the target groups</source>
        <translation>Außerhalb der Zielgruppen</translation>
    </message>
    <message>
        <source>Show ended enrolments</source>
        <translation>Beendete Anmeldungen zeigen</translation>
    </message>
    <message>
        <source>Enrolments</source>
        <translation>Anmeldungen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Waiting list</source>
        <translation>Warteliste</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Angefragt</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>Ab&amp;lehnen…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Abmelden…</translation>
    </message>
    <message>
        <source>Release &amp;unconfirmed seats…</source>
        <translation>Plätze ohne &amp;Zusage freigeben…</translation>
    </message>
    <message>
        <source>Name (part of it is enough)</source>
        <translation>Name (ein Teil genügt)</translation>
    </message>
    <message>
        <source>Find a person by name</source>
        <translation>Person nach Namen suchen</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>People found</source>
        <translation>Gefundene Personen</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Enrol although outside the target groups</source>
        <translation>Anmelden, obwohl außerhalb der Zielgruppen</translation>
    </message>
    <message>
        <source>&amp;Enrol</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Enrol a person</source>
        <translation>Person anmelden</translation>
    </message>
    <message>
        <source>Seats taken: %1 of %2 · waiting list: %3</source>
        <translation>Belegte Plätze: %1 von %2 · Warteliste: %3</translation>
    </message>
    <message>
        <source> · awaiting approval: %1</source>
        <translation> · warten auf Freigabe: %1</translation>
    </message>
    <message>
        <source> · seats not confirmed: %1</source>
        <translation> · Plätze ohne Zusage: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Nobody found.</source>
        <translation>Niemand gefunden.</translation>
    </message>
    <message>
        <source>%1 is on the waiting list at position %2: the series is full.</source>
        <translation>%1 steht auf der Warteliste an Platz %2: die Reihe ist voll.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>Reason (empty: no binding confirmation by the deadline):</source>
        <translation>Grund (leer: keine verbindliche Zusage bis zur Frist):</translation>
    </message>
    <message>
        <source>Reason (kept in the history):</source>
        <translation>Grund (wird im Verlauf gespeichert):</translation>
    </message>
    <message>
        <source>Seat (not confirmed yet)</source>
        <translation>Platz (noch ohne Zusage)</translation>
    </message>
    <message>
        <source> · ⚠ requirement no longer met: %1</source>
        <translation> · ⚠ Voraussetzung nicht mehr erfüllt: %1</translation>
    </message>
    <message>
        <source>Requirement no longer met: %1</source>
        <translation>Voraussetzung nicht mehr erfüllt: %1</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::ImportDialog</name>
    <message>
        <source>Import participants</source>
        <translation>Teilnehmende importieren</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV-Datei</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <source>Organisation the people belong to</source>
        <translation>Organisation der Personen</translation>
    </message>
    <message>
        <source>Target group for rows without one</source>
        <translation>Zielgruppe für Zeilen ohne Angabe</translation>
    </message>
    <message>
        <source>(the file names each row&apos;s group)</source>
        <translation>(die Datei nennt die Gruppe jeder Zeile)</translation>
    </message>
    <message>
        <source>Enrol everyone in “%1”</source>
        <translation>Alle in „%1“ anmelden</translation>
    </message>
    <message>
        <source>Enrol in a series (choose one first)</source>
        <translation>In einer Reihe anmelden (zuerst eine auswählen)</translation>
    </message>
    <message>
        <source>Import the good rows and skip the rows with problems</source>
        <translation>Nur die fehlerfreien Zeilen importieren, fehlerhafte überspringen</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>Gefundene Probleme</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Choose a file, then check it. Nothing is stored by the check.</source>
        <translation>Datei auswählen und prüfen. Beim Prüfen wird nichts gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <source>&amp;Target group:</source>
        <translation>&amp;Zielgruppe:</translation>
    </message>
    <message>
        <source>Participant list</source>
        <translation>Teilnehmendenliste</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The file is larger than 4 MB; split it into several files.</source>
        <translation>Die Datei ist größer als 4 MB; bitte auf mehrere Dateien aufteilen.</translation>
    </message>
    <message>
        <source>Now check the file.</source>
        <translation>Jetzt die Datei prüfen.</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>Bitte zuerst eine Datei auswählen.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Enrol in</source>
        <translation>Anmelden in</translation>
    </message>
    <message>
        <source>Target group</source>
        <translation>Zielgruppe</translation>
    </message>
    <message>
        <source> Correct the file, or tick “Import the good rows”.</source>
        <translation> Korrigieren Sie die Datei oder wählen Sie „Nur die fehlerfreien Zeilen importieren“.</translation>
    </message>
    <message>
        <source>This file was imported before; nothing changed.</source>
        <translation>Diese Datei wurde bereits importiert; nichts wurde geändert.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) in the file: </source>
        <translation>
            <numerusform>%n Zeile in der Datei: </numerusform>
            <numerusform>%n Zeilen in der Datei: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n can be imported, </source>
        <translation>
            <numerusform>%n kann importiert werden, </numerusform>
            <numerusform>%n können importiert werden, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s).</source>
        <translation>
            <numerusform>%n Problem.</numerusform>
            <numerusform>%n Probleme.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) imported.</source>
        <translation>
            <numerusform>%n Zeile importiert.</numerusform>
            <numerusform>%n Zeilen importiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::LateMinutesDialog</name>
    <message>
        <source>Late</source>
        <translation>Verspätet</translation>
    </message>
    <message>
        <source>How many minutes of the session did %1 miss (late arrival or leaving early)?</source>
        <translation>Wie viele Minuten des Termins hat %1 versäumt (später gekommen oder früher gegangen)?</translation>
    </message>
    <message>
        <source>Minutes missed</source>
        <translation>Versäumte Minuten</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message numerus="yes">
        <source>of %n minute(s)</source>
        <translation>
            <numerusform>von %n Minute</numerusform>
            <numerusform>von %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>The minutes reduce the teaching units attended; the series&apos; rule says how many may be missed.</source>
        <translation>Die Minuten mindern die besuchten Unterrichtseinheiten; wie viele versäumt werden dürfen, legt die Regel der Reihe fest.</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::LoginDialog</name>
    <message>
        <source>Sign in to trainhub</source>
        <translation>Bei trainhub anmelden</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Encrypted connection (TLS)</source>
        <translation>Verschlüsselte Verbindung (TLS)</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>the system&apos;s certificates</source>
        <translation>die Zertifikate des Systems</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>CA-Zertifikatsdatei auswählen</translation>
    </message>
    <message>
        <source>Stay signed in (kept in the system keychain)</source>
        <translation>Angemeldet bleiben (im Schlüsselbund des Systems gespeichert)</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, e.g. 127.0.0.1:50051.</source>
        <translation>Bitte die Adresse des Servers eingeben, z. B. 127.0.0.1:50051.</translation>
    </message>
    <message>
        <source>Enter your e-mail address.</source>
        <translation>Bitte Ihre E-Mail-Adresse eingeben.</translation>
    </message>
    <message>
        <source>The CA file cannot be read: %1</source>
        <translation>Die CA-Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The e-mail or the password is not right.</source>
        <translation>E-Mail oder Passwort stimmen nicht.</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::MainWindow</name>
    <message>
        <source>trainhub – %1</source>
        <translation>trainhub – %1</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Reihen</translation>
    </message>
    <message>
        <source>My sessions</source>
        <translation>Meine Termine</translation>
    </message>
    <message>
        <source>My series</source>
        <translation>Meine Reihen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Import participants…</source>
        <translation>Teilnehmende &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel what is running</source>
        <translation>Laufende Anfrage abbrechen</translation>
    </message>
    <message>
        <source>Signed in as %1 at %2</source>
        <translation>Angemeldet als %1 bei %2</translation>
    </message>
    <message>
        <source>Offline: the server cannot be reached. </source>
        <translation>Offline: der Server ist nicht erreichbar. </translation>
    </message>
    <message numerus="yes">
        <source>%n attendance mark(s) not yet sent.</source>
        <translation>
            <numerusform>%n Anwesenheitseintrag noch nicht gesendet.</numerusform>
            <numerusform>%n Anwesenheitseinträge noch nicht gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import participants</source>
        <translation>Teilnehmende importieren</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <source>Records due for erasure</source>
        <translation>Fällige Löschungen</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::ModuleDialog</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Themen</translation>
    </message>
    <message>
        <source>Teaching units (UE)</source>
        <translation>Unterrichtseinheiten (UE)</translation>
    </message>
    <message>
        <source>Change module</source>
        <translation>Modul ändern</translation>
    </message>
    <message>
        <source>New module</source>
        <translation>Neues Modul</translation>
    </message>
    <message>
        <source>Topics, one per line</source>
        <translation>Themen, eines pro Zeile</translation>
    </message>
    <message>
        <source>Mandatory for completion</source>
        <translation>Pflicht für den Abschluss</translation>
    </message>
    <message>
        <source>from the sessions&apos; length</source>
        <translation>aus der Dauer der Termine</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>T&amp;opics (one per line):</source>
        <translation>T&amp;hemen (eines pro Zeile):</translation>
    </message>
    <message>
        <source>Teaching &amp;units (UE):</source>
        <translation>&amp;Unterrichtseinheiten (UE):</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::ParticipantPage</name>
    <message>
        <source>Series</source>
        <translation>Reihen</translation>
    </message>
    <message>
        <source>My place</source>
        <translation>Mein Platz</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>My series</source>
        <translation>Meine Reihen</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>My schedule</source>
        <translation>Meine Termine</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>Entschuldigt</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Unentschuldigt gefehlt</translation>
    </message>
    <message>
        <source>Teaching units (UE)</source>
        <translation>Unterrichtseinheiten (UE)</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>My attendance</source>
        <translation>Meine Anwesenheit</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>My certificates</source>
        <translation>Meine Bescheinigungen</translation>
    </message>
    <message>
        <source>&amp;Open PDF</source>
        <translation>PDF ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Waiting list, position %1</source>
        <translation>Warteliste, Platz %1</translation>
    </message>
    <message>
        <source>No certificates yet.</source>
        <translation>Noch keine Bescheinigungen.</translation>
    </message>
    <message>
        <source>Fetching the PDF…</source>
        <translation>PDF wird geladen…</translation>
    </message>
    <message>
        <source>The PDF cannot be saved to %1.</source>
        <translation>Das PDF kann nicht unter %1 gespeichert werden.</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Gespeichert unter %1</translation>
    </message>
    <message>
        <source>Check-in code</source>
        <translation>Check-in-Code</translation>
    </message>
    <message>
        <source>the six digits the trainer shows</source>
        <translation>die sechs Ziffern, die die Referentin/der Referent zeigt</translation>
    </message>
    <message>
        <source>&amp;Check in</source>
        <translation>&amp;Einchecken</translation>
    </message>
    <message>
        <source>Check in to a session</source>
        <translation>Bei einem Termin einchecken</translation>
    </message>
    <message>
        <source>Enter the code the trainer shows.</source>
        <translation>Bitte den Code eingeben, den die Referentin/der Referent zeigt.</translation>
    </message>
    <message>
        <source>Checked in: you are marked present.</source>
        <translation>Eingecheckt: Sie sind als anwesend erfasst.</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Stattgefunden</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Anwesend</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Verspätet</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Nicht erfasst</translation>
    </message>
    <message>
        <source>Sessions that took place without a status recorded yet. Sessions still to come are not counted here (&quot;offen&quot; in the export).</source>
        <translation>Termine, die stattgefunden haben, aber noch ohne erfassten Status sind. Kommende Termine zählen hier nicht mit (im Export „offen“).</translation>
    </message>
    <message>
        <source>Present + late + excused + absent + not recorded = the sessions held. Held: held of the sessions you are expected at; the others are still to come.</source>
        <translation>Anwesend + verspätet + entschuldigt + abwesend + nicht erfasst = die stattgefundenen Termine. Stattgefunden: von den Terminen, zu denen Sie erwartet werden; die übrigen kommen noch.</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::PrivacyPage</name>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>People whose records need not be kept any longer: in no running series, and every series they have attendance or a certificate of ended longer ago than its organisation keeps records. Erase their personal data, or keep it with a reason of your own (nothing is erased by itself).</source>
        <translation>Personen, deren Daten nicht mehr aufbewahrt werden müssen: in keiner laufenden Reihe, und jede Reihe, aus der sie Anwesenheiten oder ein Zertifikat haben, endete länger zurück, als ihr Träger Unterlagen aufbewahrt. Löschen Sie ihre personenbezogenen Daten oder behalten Sie sie aus eigenem Grund (nichts wird von selbst gelöscht).</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Kept until</source>
        <translation>Aufzubewahren bis</translation>
    </message>
    <message>
        <source>Last series</source>
        <translation>Letzte Reihe</translation>
    </message>
    <message>
        <source>Keeping time</source>
        <translation>Aufbewahrungsfrist</translation>
    </message>
    <message>
        <source>People whose records are due for erasure</source>
        <translation>Personen, deren Löschung fällig ist</translation>
    </message>
    <message>
        <source>&amp;Erase personal data…</source>
        <translation>Personenbezogene Daten &amp;löschen…</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <source>All organisations</source>
        <translation>Alle Organisationen</translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n Jahr</numerusform>
            <numerusform>%n Jahre</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody is due for erasure.</source>
        <translation>Bei niemandem ist die Löschung fällig.</translation>
    </message>
    <message>
        <source>Erase personal data</source>
        <translation>Personenbezogene Daten löschen</translation>
    </message>
    <message>
        <source>Erase the personal data of %1?

This cannot be undone. Erased are the name (the record shows &quot;Person #%2&quot; from now on), the e-mail address, the notes and reasons about the person, their accounts (which can no longer sign in) and the addresses they called from in the audit log.

Kept are target groups, training year, statuses and dates, so that funder reports still count right; certificates stay verifiable by the holder&apos;s name.

The reason is kept on the record: it must not name the person (e.g. &quot;keeping time ended&quot;).</source>
        <translation>Die personenbezogenen Daten von %1 löschen?

Das lässt sich nicht rückgängig machen. Gelöscht werden der Name (der Datensatz zeigt von nun an „Person #%2“), die E-Mail-Adresse, die Notizen und Gründe zu der Person, ihre Konten (die sich nicht mehr anmelden können) und die Adressen, von denen sie im Protokoll zugegriffen hat.

Erhalten bleiben Zielgruppen, Ausbildungsjahr, Status und Daten, damit Förderberichte weiter richtig zählen; Zertifikate bleiben mit dem Namen der Inhaberin oder des Inhabers prüfbar.

Der Grund bleibt am Datensatz: Er darf die Person nicht nennen (z. B. „Aufbewahrungsfrist abgelaufen“).</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>Endgültig löschen</translation>
    </message>
    <message>
        <source>Erasing…</source>
        <translation>Wird gelöscht…</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n Konto</numerusform>
            <numerusform>%n Konten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) and reason(s)</source>
        <translation>
            <numerusform>%n Notiz oder Begründung</numerusform>
            <numerusform>%n Notizen und Begründungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attendance record(s)</source>
        <translation>
            <numerusform>%n Anwesenheitseintrag</numerusform>
            <numerusform>%n Anwesenheitseinträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s) signed anew without the name</source>
        <translation>
            <numerusform>%n Zertifikat ohne Namen neu signiert</numerusform>
            <numerusform>%n Zertifikate ohne Namen neu signiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) in the audit log</source>
        <translation>
            <numerusform>%n Adresse im Protokoll</numerusform>
            <numerusform>%n Adressen im Protokoll</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased: now &quot;%1&quot;. Cleared: %2.</source>
        <translation>Gelöscht: jetzt „%1“. Entfernt: %2.</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::ReasonDialog</name>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::ReportsPage</name>
    <message>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Reihen</translation>
    </message>
    <message>
        <source>Smallest count shown</source>
        <translation>Kleinste gezeigte Zahl</translation>
    </message>
    <message>
        <source>fewer than %1</source>
        <translation>weniger als %1</translation>
    </message>
    <message>
        <source>By target group</source>
        <translation>Nach Zielgruppe</translation>
    </message>
    <message>
        <source>By organisation</source>
        <translation>Nach Organisation</translation>
    </message>
    <message>
        <source>By series</source>
        <translation>Nach Reihe</translation>
    </message>
    <message>
        <source>Apprentices by training year</source>
        <translation>Auszubildende nach Ausbildungsjahr</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>training year %1</source>
        <translation>%1. Ausbildungsjahr</translation>
    </message>
    <message>
        <source>Calendar &amp;year</source>
        <translation>Kalender&amp;jahr</translation>
    </message>
    <message>
        <source>&amp;Days</source>
        <translation>&amp;Tage</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>Every series of an &amp;organisation</source>
        <translation>Alle Reihen einer &amp;Organisation</translation>
    </message>
    <message>
        <source>&amp;Chosen series</source>
        <translation>&amp;Ausgewählte Reihen</translation>
    </message>
    <message>
        <source>Series in the report</source>
        <translation>Reihen im Bericht</translation>
    </message>
    <message>
        <source> persons</source>
        <translation> Personen</translation>
    </message>
    <message>
        <source>&amp;Show report</source>
        <translation>Bericht &amp;zeigen</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>Als &amp;PDF speichern…</translation>
    </message>
    <message>
        <source>Save as CS&amp;V…</source>
        <translation>Als CS&amp;V speichern…</translation>
    </message>
    <message>
        <source>Counts of fewer persons are not shown (privacy):</source>
        <translation>Zahlen kleinerer Gruppen werden nicht gezeigt (Datenschutz):</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Figures of the report</source>
        <translation>Kennzahlen des Berichts</translation>
    </message>
    <message>
        <source>All organisations</source>
        <translation>Alle Organisationen</translation>
    </message>
    <message>
        <source>Tick between 1 and %1 series for the report.</source>
        <translation>Wählen Sie für den Bericht 1 bis %1 Reihen aus.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message>
        <source>%1, %2 – %3</source>
        <translation>%1, %2 – %3</translation>
    </message>
    <message>
        <source>not shown (too few persons)</source>
        <translation>nicht gezeigt (zu wenige Personen)</translation>
    </message>
    <message>
        <source>%1 % (%2 of %3 statuses present or late)</source>
        <translation>%1 % (%2 von %3 Einträgen anwesend oder verspätet)</translation>
    </message>
    <message>
        <source>Persons (each counted once)</source>
        <translation>Personen (jede einmal gezählt)</translation>
    </message>
    <message>
        <source>Participations (persons per series)</source>
        <translation>Teilnahmen (Personen je Reihe)</translation>
    </message>
    <message>
        <source>Sessions held</source>
        <translation>Durchgeführte Termine</translation>
    </message>
    <message>
        <source>Teaching units (UE)</source>
        <translation>Unterrichtseinheiten (UE)</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Anwesenheit</translation>
    </message>
    <message>
        <source>Drop-outs</source>
        <translation>Abbrüche</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Checksum of the facts counted (kept in the audit log): %1</source>
        <translation>Prüfsumme der gezählten Daten (im Protokoll festgehalten): %1</translation>
    </message>
    <message>
        <source>Making the file…</source>
        <translation>Die Datei wird erstellt…</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Saved %1 (%2).</source>
        <translation>%1 gespeichert (%2).</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::SeriesDialog</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>Plätze</translation>
    </message>
    <message>
        <source>Target groups</source>
        <translation>Zielgruppen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Requests need approval</source>
        <translation>Anfragen brauchen Freigabe</translation>
    </message>
    <message>
        <source>Binding confirmation</source>
        <translation>Verbindliche Zusage</translation>
    </message>
    <message>
        <source>Awards</source>
        <translation>Verleiht</translation>
    </message>
    <message>
        <source>Requires</source>
        <translation>Setzt voraus</translation>
    </message>
    <message>
        <source>Series settings</source>
        <translation>Einstellungen der Reihe</translation>
    </message>
    <message>
        <source>New series</source>
        <translation>Neue Reihe</translation>
    </message>
    <message>
        <source>Participants&apos; own requests need a coordinator&apos;s approval</source>
        <translation>Eigene Anfragen von Teilnehmenden brauchen die Freigabe der Koordination</translation>
    </message>
    <message>
        <source>Seat holders give a binding confirmation (Zusage)</source>
        <translation>Teilnehmende mit Platz geben eine verbindliche Zusage</translation>
    </message>
    <message>
        <source>Qualification awarded on completion</source>
        <translation>Qualifikation, die der Abschluss verleiht</translation>
    </message>
    <message>
        <source>Qualification required to enrol</source>
        <translation>Qualifikation, die für die Anmeldung nötig ist</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>S&amp;eats:</source>
        <translation>P&amp;lätze:</translation>
    </message>
    <message>
        <source>Target &amp;groups:</source>
        <translation>Ziel&amp;gruppen:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;Awards:</source>
        <translation>&amp;Verleiht:</translation>
    </message>
    <message>
        <source>&amp;Requires:</source>
        <translation>Setzt &amp;voraus:</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Bescheinigungen</translation>
    </message>
    <message>
        <source>What completing the series earns</source>
        <translation>Was der Abschluss der Reihe einbringt</translation>
    </message>
    <message>
        <source>Zertifikat, or Teilnahmebestätigung for partial attendance</source>
        <translation>Zertifikat, bei teilweiser Teilnahme Teilnahmebestätigung</translation>
    </message>
    <message>
        <source>Teilnahmebestätigung only (one-day event, workshop)</source>
        <translation>Nur Teilnahmebestätigung (eintägige Veranstaltung, Workshop)</translation>
    </message>
    <message>
        <source>&amp;Certificates:</source>
        <translation>Besc&amp;heinigungen:</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::SeriesPage</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Any organisation</source>
        <translation>Alle Organisationen</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>Any year</source>
        <translation>Jedes Jahr</translation>
    </message>
    <message>
        <source>Search series by title</source>
        <translation>Reihen nach Titel suchen</translation>
    </message>
    <message>
        <source>Search by title</source>
        <translation>Nach Titel suchen</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Reihen</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>Plätze</translation>
    </message>
    <message>
        <source>Modules and sessions</source>
        <translation>Module und Termine</translation>
    </message>
    <message>
        <source>Module / session</source>
        <translation>Modul / Termin</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Trainers</source>
        <translation>Referent:innen</translation>
    </message>
    <message>
        <source>&amp;Plan a session…</source>
        <translation>Termin &amp;planen…</translation>
    </message>
    <message>
        <source>&amp;Change session…</source>
        <translation>Termin ä&amp;ndern…</translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation>&amp;Terminplan</translation>
    </message>
    <message>
        <source>&amp;Enrolment</source>
        <translation>&amp;Anmeldungen</translation>
    </message>
    <message>
        <source>C&amp;ompletion</source>
        <translation>&amp;Abschluss</translation>
    </message>
    <message>
        <source> +%1 waiting</source>
        <translation> +%1 wartend</translation>
    </message>
    <message>
        <source>Session %1</source>
        <translation>Termin %1</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>De&amp;lete session…</source>
        <translation>Termin &amp;löschen…</translation>
    </message>
    <message>
        <source>Add &amp;module…</source>
        <translation>&amp;Modul hinzufügen…</translation>
    </message>
    <message>
        <source>Change m&amp;odule…</source>
        <translation>Modul ä&amp;ndern…</translation>
    </message>
    <message>
        <source>Series se&amp;ttings…</source>
        <translation>&amp;Einstellungen der Reihe…</translation>
    </message>
    <message>
        <source>&amp;New series…</source>
        <translation>&amp;Neue Reihe…</translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation>Termin löschen</translation>
    </message>
    <message>
        <source>Delete %1 (%2)? Its trainers&apos; bookings go with it.</source>
        <translation>%1 (%2) löschen? Die Buchungen der Referent:innen werden mit gelöscht.</translation>
    </message>
    <message>
        <source>Cert&amp;ificates</source>
        <translation>Zert&amp;ifikate</translation>
    </message>
    <message>
        <source>Atten&amp;dance</source>
        <translation>Anwesen&amp;heit</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::SessionDialog</name>
    <message>
        <source>Day and From</source>
        <translation>Tag und Beginn</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Trainers</source>
        <translation>Referent:innen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Trotzdem speichern</translation>
    </message>
    <message>
        <source>Change session</source>
        <translation>Termin ändern</translation>
    </message>
    <message>
        <source>Plan a session</source>
        <translation>Termin planen</translation>
    </message>
    <message>
        <source>Every day until</source>
        <translation>Täglich bis</translation>
    </message>
    <message>
        <source>One session every day until a last day</source>
        <translation>Ein Termin pro Tag bis zu einem letzten Tag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>Save anyway: the double booking is intended</source>
        <translation>Trotzdem speichern: die Doppelbuchung ist gewollt</translation>
    </message>
    <message>
        <source>Save anyway although a trainer or the place is booked</source>
        <translation>Trotzdem speichern, obwohl eine Referentin/ein Referent oder der Ort belegt ist</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>(Europe/Berlin)</source>
        <translation>(Europa/Berlin)</translation>
    </message>
    <message>
        <source>&amp;Module:</source>
        <translation>&amp;Modul:</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>&amp;Tag:</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>&amp;Uhrzeit:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>&amp;Ort:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>T&amp;rainers:</source>
        <translation>&amp;Referent:innen:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>“To” must be later than “From”.</source>
        <translation>„Ende“ muss nach „Beginn“ liegen.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Not saved. Already booked then:
%1 – %2
%3, %4
Trainers: %5
Tick “Save anyway” to book all the same.</source>
        <translation>Nicht gespeichert. Zu dieser Zeit bereits gebucht:
%1 – %2
%3, %4
Referent:innen: %5
„Trotzdem speichern“ ankreuzen, um dennoch zu buchen.</translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::TrainerPage</name>
    <message>
        <source>My sessions</source>
        <translation>Meine Termine</translation>
    </message>
    <message>
        <source>Offline: the list as last seen on this computer.</source>
        <translation>Offline: die Liste, wie sie zuletzt auf diesem Computer zu sehen war.</translation>
    </message>
</context>
</TS>
