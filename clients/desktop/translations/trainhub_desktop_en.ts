<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>trainhub::desktop::AttendancePanel</name>
    <message numerus="yes">
        <source>%1 (%n min missed)</source>
        <translation>
            <numerusform>%1 (%n min missed)</numerusform>
            <numerusform>%1 (%n min missed)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::AttendanceSheetWidget</name>
    <message numerus="yes">
        <source>%n mark(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n mark waiting to be sent.</numerusform>
            <numerusform>%n marks waiting to be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) missed</source>
        <translation>
            <numerusform>%n minute missed</numerusform>
            <numerusform>%n minutes missed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::CompletionPanel</name>
    <message numerus="yes">
        <source>%n person(s) at risk or unable to complete.</source>
        <translation>
            <numerusform>%n person at risk or unable to complete.</numerusform>
            <numerusform>%n people at risk or unable to complete.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Issue %n certificate(s)</source>
        <translation>
            <numerusform>Issue %n certificate</numerusform>
            <numerusform>Issue %n certificates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s) issued.</source>
        <translation>
            <numerusform>%n certificate issued.</numerusform>
            <numerusform>%n certificates issued.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::ImportDialog</name>
    <message numerus="yes">
        <source>%n row(s) in the file: </source>
        <translation>
            <numerusform>%n row in the file: </numerusform>
            <numerusform>%n rows in the file: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n can be imported, </source>
        <translation>
            <numerusform>%n can be imported, </numerusform>
            <numerusform>%n can be imported, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s).</source>
        <translation>
            <numerusform>%n problem.</numerusform>
            <numerusform>%n problems.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) imported.</source>
        <translation>
            <numerusform>%n row imported.</numerusform>
            <numerusform>%n rows imported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::LateMinutesDialog</name>
    <message numerus="yes">
        <source>of %n minute(s)</source>
        <translation>
            <numerusform>of %n minute</numerusform>
            <numerusform>of %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::MainWindow</name>
    <message numerus="yes">
        <source>%n attendance mark(s) not yet sent.</source>
        <translation>
            <numerusform>%n attendance mark not yet sent.</numerusform>
            <numerusform>%n attendance marks not yet sent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trainhub::desktop::PrivacyPage</name>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n account</numerusform>
            <numerusform>%n accounts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) and reason(s)</source>
        <translation>
            <numerusform>%n note or reason</numerusform>
            <numerusform>%n notes and reasons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attendance record(s)</source>
        <translation>
            <numerusform>%n attendance record</numerusform>
            <numerusform>%n attendance records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s) signed anew without the name</source>
        <translation>
            <numerusform>%n certificate signed anew without the name</numerusform>
            <numerusform>%n certificates signed anew without the name</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) in the audit log</source>
        <translation>
            <numerusform>%n address in the audit log</numerusform>
            <numerusform>%n addresses in the audit log</numerusform>
        </translation>
    </message>
</context>
</TS>
