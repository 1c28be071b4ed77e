// trainhub demo load: the four series kinds of the domain, with their real
// titles, module titles, topics and dates, and fictional people. Every
// create uses a fixed request_id, so a repeated or interrupted load never
// creates anything twice.

#include <fmt/core.h>

#include <algorithm>
#include <map>

#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;

struct DemoOrganization {
  const char* key;
  const char* name;
  v1::OrganizationKind kind;
  const char* city;
};

const DemoOrganization kOrganizations[] = {
    {"agsa", "Auslandsgesellschaft Sachsen-Anhalt e.V.", v1::ORGANIZATION_KIND_NGO, "Magdeburg"},
    {"dessau", "Stadt Dessau-Roßlau, Integrationsbüro", v1::ORGANIZATION_KIND_MUNICIPALITY,
     "Dessau-Roßlau"},
    {"abi", "Landkreis Anhalt-Bitterfeld", v1::ORGANIZATION_KIND_MUNICIPALITY, "Köthen (Anhalt)"},
    {"hsa", "Hochschule Anhalt", v1::ORGANIZATION_KIND_UNIVERSITY, "Köthen (Anhalt)"},
    {"uba", "Umweltbundesamt", v1::ORGANIZATION_KIND_FEDERAL_AGENCY, "Dessau-Roßlau"},
    {"net", "Bündnis Vielfaltsgestalter Dessau-Roßlau", v1::ORGANIZATION_KIND_NETWORK,
     "Dessau-Roßlau"},
};

// Fictional people.
struct DemoTrainer {
  const char* key;
  const char* name;
  const char* email;
  const char* affiliation;
};

const DemoTrainer kTrainers[] = {
    {"sahin", "Nuran Şahin", "nuran.sahin@example.org",
     "Team- und Organisationsentwicklung, Supervision"},
    {"keller", "Dr. Jonas Keller", "jonas.keller@example.org", "Hochschule, Verhandlungsführung"},
    {"petrova", "Алина Петрова", "alina.petrova@example.org",
     "Interkulturelle Beratung und Coaching"},
    {"odegard", "Ørjan Ødegård", "orjan.odegard@example.org", "Coach, Supervisor, Prozessberater"},
    {"ahmad", "محمد الأحمد", "mohammed.alahmad@example.org", "Zentrum für Interkulturelle Öffnung"},
    {"vogel", "Katrin Vogel", "katrin.vogel@example.org",
     "Bildungsagentur, Organisationsentwicklung"},
    {"lindqvist", "Miriam Lindqvist", "miriam.lindqvist@example.org",
     "Systemische Organisationsberatung"},
    {"roth", "Sabine Roth", "sabine.roth@example.org", "freiberufliche Trainerin"},
};

// Fictional participants.
struct DemoParticipant {
  const char* key;
  const char* name;
  const char* email;  // may be empty
  const char* organization;
  std::vector<v1::TargetGroup> groups;
  int training_year;
};

const DemoParticipant kParticipants[] = {
    {"jana", "Jana Beispiel", "teilnehmerin@example.org", "agsa", {v1::TARGET_GROUP_VOLUNTEERS}, 0},
    {"olena", "Олена Коваль", "", "agsa", {v1::TARGET_GROUP_VOLUNTEERS}, 0},
    {"lena", "Lena Hoffmann", "", "dessau", {v1::TARGET_GROUP_APPRENTICES}, 1},
    {"mehmet", "Mehmet Yılmaz", "", "dessau", {v1::TARGET_GROUP_APPRENTICES}, 1},
    {"katrin",
     "Katrin Neumann",
     "katrin.neumann@example.org",
     "agsa",
     {v1::TARGET_GROUP_TRAINERS},
     0},
    {"tobias",
     "Tobias Richter",
     "tobias.richter@example.org",
     "agsa",
     {v1::TARGET_GROUP_TRAINERS},
     0},
    {"petra",
     "Dr. Petra Sommer",
     "petra.sommer@example.org",
     "dessau",
     {v1::TARGET_GROUP_ADMINISTRATION_STAFF, v1::TARGET_GROUP_MANAGERS},
     0},
};

// Demo accounts, one per role; all share kDemoPassword.
struct DemoAccount {
  const char* email;
  const char* name;
  v1::Role role;
  const char* key;   // organisation, trainer or participant record
  const char* what;  // shown with the login
};

const DemoAccount kAccounts[] = {
    {"koordination@agsa.example.org", "Koordination AGSA", v1::ROLE_COORDINATOR, "agsa",
     "coordinator, Auslandsgesellschaft Sachsen-Anhalt"},
    {"integration@dessau.example.org", "Integrationsbüro Dessau-Roßlau", v1::ROLE_COORDINATOR,
     "dessau", "coordinator, Stadt Dessau-Roßlau"},
    {"nuran.sahin@example.org", "Nuran Şahin", v1::ROLE_TRAINER, "sahin", "trainer"},
    {"teilnehmerin@example.org", "Jana Beispiel", v1::ROLE_PARTICIPANT, "jana", "participant"},
};

struct DemoSession {
  const char* start;  // Europe/Berlin
  const char* end;
  const char* place;
  const char* address;
  std::vector<std::pair<const char*, v1::BookingStatus>> trainers;
};

struct DemoModule {
  const char* title;
  std::vector<const char*> topics;
  int teaching_units;
  std::vector<DemoSession> sessions;
};

struct DemoSeries {
  const char* key;
  const char* title;
  v1::SeriesKind kind;
  const char* owner;
  std::vector<const char*> partners;
  std::vector<v1::TargetGroup> groups;
  int capacity;
  const char* description;
  std::vector<DemoModule> modules;
  std::vector<v1::SeriesStatus> status_path;  // statuses to pass through after planning
  const char* awards_qualification = "";
  const char* required_qualification = "";
  const char* confirmation_deadline = nullptr;  // Europe/Berlin; also asks for confirmation
};

constexpr char kDiversityTrainer[] =
    "Diversity Trainer:in und Berater:in im Handlungsfeld Verwaltung";
constexpr char kIkoeQualification[] =
    "Systemische Organisationsberater:in im interkulturellen Kontext";

// Demo only: printed by `demo load` and scripts/run.
constexpr char kDemoPassword[] = "trainhub-demo";

constexpr auto kConfirmed = v1::BOOKING_STATUS_CONFIRMED;
constexpr auto kRequested = v1::BOOKING_STATUS_REQUESTED;

const char kAgsaPlace[] = "Auslandsgesellschaft Sachsen-Anhalt, Seminarraum";

std::vector<DemoSeries> PlannedSeries();

// The four series of the domain, and a second run of the trainer
// qualification that is open for enrolment: the same modules, the first
// two dated, a binding confirmation by the end of March 2027.
std::vector<DemoSeries> Series() {
  std::vector<DemoSeries> all = PlannedSeries();
  DemoSeries second = all.front();
  second.key = "ikoe2";
  second.title = "Systemische Organisationsberatung im interkulturellen Kontext – 2. Durchgang";
  second.capacity = 12;
  for (DemoModule& m : second.modules) m.sessions.clear();
  second.modules[0].sessions = {
      {"2027-06-11 09:00", "2027-06-12 16:00", kAgsaPlace, "Magdeburg", {{"sahin", kRequested}}}};
  second.modules[1].sessions = {
      {"2027-09-17 09:00", "2027-09-18 16:00", kAgsaPlace, "Magdeburg", {{"keller", kRequested}}}};
  second.status_path = {v1::SERIES_STATUS_PLANNED, v1::SERIES_STATUS_OPEN_FOR_ENROLMENT};
  second.confirmation_deadline = "2027-03-31 23:59";
  all.push_back(second);
  return all;
}

std::vector<DemoSeries> PlannedSeries() {
  return {
      {"ikoe",
       "Systemische Organisationsberatung im interkulturellen Kontext",
       v1::SERIES_KIND_TRAINER_QUALIFICATION,
       "agsa",
       {},
       {v1::TARGET_GROUP_TRAINERS},
       16,
       "Aufbaumodul der IKOE-Trainer:innenqualifizierung; setzt \"Diversity Trainer:in und "
       "Berater:in im Handlungsfeld Verwaltung\" voraus. Begleitet von Supervision und "
       "Austauschforen.",
       {
           {"Veränderungsprozesse I: Perspektive Verwaltungsmitarbeitende",
            {"Phasen von Veränderung in Organisationen und Maßnahmen für Trainer:innen",
             "Begriffserklärung „systemische Organisationsberatung“",
             "Sensibilisierung für Widerstände in Veränderungsprozessen",
             "OE in Verwaltung/Kommune/öffentlichem Dienst im Vergleich zur freien Wirtschaft",
             "Hypothesenbildung in der Organisationsberatung und -entwicklung"},
            16,
            {{"2018-11-23 09:00",
              "2018-11-24 16:00",
              kAgsaPlace,
              "Magdeburg",
              {{"sahin", kConfirmed}}}}},
           {"Veränderungsprozesse II: Perspektive Führungskräfte",
            {"Interkulturelle Kompetenz, Veränderungsprozesse und Veränderungsmanagement im "
             "systemischen Kontext",
             "Steuerung, Konfliktsteuerung, Monitoring und Evaluation von Veränderungen",
             "Verhandlungskompetenz als „Kompetenz“ und als zu „vermittelnde Kompetenz“",
             "Das ABIOKEV-Verhandlungskonzept als praxeologischer Ansatz"},
            16,
            {{"2019-01-18 09:00",
              "2019-01-19 16:00",
              kAgsaPlace,
              "Magdeburg",
              {{"keller", kConfirmed}}}}},
           {"Change Management: Veränderungsprozesse erkennen und begleiten",
            {"Grundlegendes Verständnis zum Thema Change Management", "VUKA-Prinzipien",
             "Vorbereitung und Rollen im Change Management", "Auftragsklärung und Ziele definieren",
             "Systemischer Ansatz in der Auftragsklärung",
             "Der Change-Prozess und die Aufgaben (change house)",
             "Emotionen in Veränderungsprozessen / Widerstand erkennen",
             "Kommunikation in Veränderungsprozessen",
             "Theorie U und Steps in Veränderungsprozessen (W. Krüger)"},
            16,
            {{"2019-03-01 09:00",
              "2019-03-02 16:00",
              kAgsaPlace,
              "Magdeburg",
              {{"petrova", kConfirmed}}}}},
           {"Interkulturalität I: Organisationskultur und Kulturveränderung",
            {"Erfahrungsorientierte Annäherung an den Kulturbegriff",
             "Organisationskultur: ein weicher Faktor mit harten Folgen",
             "Kulturveränderung: gemeinsame Gewohnheiten schrittweise verändern",
             "Kulturanalyse und Kulturdiagnose: Methoden",
             "Kulturziele: strategische Weiterentwicklung mit Respekt vor der bestehenden Kultur",
             "Werte: Wie wollen wir unser Miteinander betreiben?",
             "Leitbilder, die gelebt werden – und nicht in der Schublade landen"},
            16,
            {{"2019-05-10 09:00",
              "2019-05-11 16:00",
              kAgsaPlace,
              "Magdeburg",
              {{"odegard", kConfirmed}}}}},
           {"Interkulturalität II: IKOE-Prozesse initiieren und gestalten",
            {"Interkulturell kompetente Öffnung – Zugänge schaffen durch Argumentationshilfen",
             "System- und Stakeholder-Analyse",
             "Indikatoren für einen gelingenden oder misslingenden IKOE-Prozess",
             "Konzepterstellung für IKOE-Prozessbegleitung",
             "Methoden aus der Theorie U, Übungen zum aktiven Zuhören",
             "Feedback zu Veränderungsprojekten"},
            16,
            {{"2019-09-06 09:00",
              "2019-09-07 16:00",
              kAgsaPlace,
              "Magdeburg",
              {{"ahmad", kConfirmed}}}}},
           {"Interkulturelle Prozessbegleitung",
            {"Grundannahmen und Methodik systemischer Beratungsarbeit",
             "Gelingensbedingungen für Veränderungen in Organisationen",
             "Kompetenzmodell und Rollenklärung in der Prozessbegleitung",
             "Fragetypen und Hypothesenbildung", "Simulation zur Auftragsklärung"},
            16,
            {{"2020-01-31 09:00",
              "2020-02-01 16:00",
              kAgsaPlace,
              "Magdeburg",
              {{"vogel", kConfirmed}}}}},
           {"Systemische Organisationsberatung I",
            {"Vertiefender Einblick in die Praxis des systemischen Beratungsprozesses",
             "Anwendung zentraler Techniken aus dem Portfolio systemischer Methoden",
             "Profilschärfung als Berater:in"},
            24,
            {{"2020-05-14 09:00",
              "2020-05-16 13:00",
              kAgsaPlace,
              "Magdeburg",
              {{"lindqvist", kConfirmed}}}}},
           {"Systemische Organisationsberatung II",
            {"Vertiefender Einblick in die Praxis des systemischen Beratungsprozesses",
             "Anwendung zentraler Techniken aus dem Portfolio systemischer Methoden",
             "Profilschärfung als Berater:in"},
            16,
            {{"2020-06-05 09:00",
              "2020-06-06 16:00",
              kAgsaPlace,
              "Magdeburg",
              {{"lindqvist", kConfirmed}}}}},
       },
       {v1::SERIES_STATUS_PLANNED, v1::SERIES_STATUS_OPEN_FOR_ENROLMENT, v1::SERIES_STATUS_RUNNING,
        v1::SERIES_STATUS_COMPLETED},
       kIkoeQualification,
       kDiversityTrainer},
      {"ehrenamt",
       "Interkultur im Ehrenamt",
       v1::SERIES_KIND_VOLUNTEER_COURSE,
       "agsa",
       {"abi"},
       {v1::TARGET_GROUP_VOLUNTEERS},
       20,
       "Kostenfreie Weiterbildungsreihe für ehrenamtlich Aktive in der Integrationsarbeit im "
       "Landkreis Anhalt-Bitterfeld, gemeinsam mit regionalen Partnern konzipiert. Abschluss "
       "mit Zertifikat.",
       {
           {"Rollenverständnis im Ehrenamt",
            {"Rollenverständnis Ehrenamt", "Umgang mit herausfordernden Situationen"},
            6,
            {{"2027-03-06 10:00",
              "2027-03-06 15:30",
              "Kreisvolkshochschule, Raum 2",
              "Köthen (Anhalt)",
              {{"roth", kConfirmed}}}}},
           {"Interkulturelle Kommunikation",
            {"Kommunikation über Sprach- und Kulturgrenzen", "Praktische Tipps für den Einsatz"},
            6,
            {{"2027-04-10 10:00",
              "2027-04-10 15:30",
              "Kreisvolkshochschule, Raum 2",
              "Köthen (Anhalt)",
              {{"petrova", kRequested}}}}},
           {"Konfliktmanagement",
            {"Konflikte erkennen und deeskalieren", "Kollegiale Fallberatung"},
            6,
            {{"2027-05-08 10:00",
              "2027-05-08 15:30",
              "Kreisvolkshochschule, Raum 2",
              "Köthen (Anhalt)",
              {{"roth", kConfirmed}}}}},
           {"Flucht, Asyl und Arbeitsmarktintegration",
            {"Aktuelle Fakten und Daten zu Flucht und Asyl", "Arbeitsmarktintegration",
             "Lokale Ansprechpartner:innen"},
            6,
            {{"2027-06-05 10:00",
              "2027-06-05 15:30",
              "Kreisvolkshochschule, Raum 2",
              "Köthen (Anhalt)",
              {{"ahmad", kRequested}}}}},
           {"Vorurteile, Stereotype und Selbstreflexion",
            {"Umgang mit eigenen Vorurteilen und Stereotypen", "Diskriminierungserfahrungen",
             "Abschluss und Zertifikatsübergabe"},
            6,
            {{"2027-07-03 10:00",
              "2027-07-03 15:30",
              "Kreisvolkshochschule, Raum 2",
              "Köthen (Anhalt)",
              {{"roth", kRequested}}}}},
       },
       {v1::SERIES_STATUS_PLANNED, v1::SERIES_STATUS_OPEN_FOR_ENROLMENT}},
      {"parcours",
       "Gemeinsam verschieden – vielfältiges Dessau-Roßlau",
       v1::SERIES_KIND_APPRENTICE_PARCOURS,
       "dessau",
       {"agsa"},
       {v1::TARGET_GROUP_APPRENTICES},
       18,
       "Vielfaltsparcours für Auszubildende der Stadtverwaltung: die Teilnehmenden erleben den "
       "Verwaltungsalltag aus der Sicht von Bürgerinnen und Bürgern. Begleitet den Jahrgang vom "
       "ersten bis zum dritten Ausbildungsjahr.",
       {
           {"Vielfaltsparcours (zweitägiger Workshop)",
            {"Station Altersanzug", "Station Blindenbrille", "Im Rollstuhl im Wartebereich",
             "Besuch einer Sprechstunde", "Anträge ausfüllen mit Kommunikationsbarrieren"},
            16,
            {{"2027-10-27 08:00",
              "2027-10-28 15:00",
              "Rathaus Dessau-Roßlau, Bürgerbüro",
              "Dessau-Roßlau",
              {{"vogel", kConfirmed}, {"sahin", kRequested}}}}},
           {"Projekttag mit lokalen Integrationsakteuren",
            {"Einblicke in die lokale Integrationsarbeit", "Austausch mit Akteuren vor Ort"},
            8,
            {{"2027-11-10 08:00",
              "2027-11-10 15:00",
              "Rathaus Dessau-Roßlau, Ratssaal",
              "Dessau-Roßlau",
              {{"vogel", kRequested}}}}},
           {"Reflexionsworkshop im 2. Ausbildungsjahr",
            {"Erfahrungen aus dem Verwaltungsalltag", "Handlungsalternativen entwickeln"},
            8,
            {{"2028-09-20 08:00",
              "2028-09-20 15:00",
              "Rathaus Dessau-Roßlau, Ratssaal",
              "Dessau-Roßlau",
              {{"vogel", kRequested}}}}},
           {"Abschlussworkshop im 3. Ausbildungsjahr",
            {"Diversitätsbewusster Umgang mit Bürgerinnen und Bürgern", "Abschlussreflexion"},
            8,
            {{"2029-09-19 08:00",
              "2029-09-19 15:00",
              "Rathaus Dessau-Roßlau, Ratssaal",
              "Dessau-Roßlau",
              {{"vogel", kRequested}}}}},
       },
       {v1::SERIES_STATUS_PLANNED}},
      {"montag",
       "Vielfalts-Montag – Verwaltung neu (er)leben",
       v1::SERIES_KIND_VIELFALTS_MONTAG,
       "dessau",
       {"hsa", "uba", "net"},
       {v1::TARGET_GROUP_ADMINISTRATION_STAFF, v1::TARGET_GROUP_MANAGERS},
       24,
       "Fünf Module im Rahmen der Kooperationsvereinbarung der Stadt Dessau-Roßlau mit der "
       "Hochschule Anhalt, dem Umweltbundesamt und dem Bündnis Vielfaltsgestalter; die "
       "Absolvent:innen werden Vielfaltsgestalter:innen.",
       {
           {"Vielfalt in der Verwaltung – Einführung",
            {"Barrierefreiheit, Chancengleichheit und Empowerment", "Strategie Weltoffenheit"},
            4,
            {{"2027-03-01 13:00",
              "2027-03-01 16:30",
              "Umweltbundesamt, Konferenzraum",
              "Dessau-Roßlau",
              {{"keller", kConfirmed}}}}},
           {"Interkulturelle Kommunikation im Bürgerkontakt",
            {"Perspektivwechsel", "Sprache und Verständlichkeit"},
            4,
            {{"2027-04-05 13:00",
              "2027-04-05 16:30",
              "Hochschule Anhalt, Hörsaal 1",
              "Dessau-Roßlau",
              {{"petrova", kConfirmed}}}}},
           {"Diskriminierungssensible Verwaltung",
            {"Antirassismus", "Diskriminierungssensible Sprache"},
            4,
            {{"2027-05-03 13:00",
              "2027-05-03 16:30",
              "Rathaus Dessau-Roßlau, Ratssaal",
              "Dessau-Roßlau",
              {{"ahmad", kRequested}}}}},
           {"Vielfalt in der Personalgewinnung",
            {"Gemeinsame Stärken in der Personalgewinnung", "Junge Fachkräfte gewinnen"},
            4,
            {{"2027-06-07 13:00",
              "2027-06-07 16:30",
              "Umweltbundesamt, Konferenzraum",
              "Dessau-Roßlau",
              {{"odegard", kRequested}}}}},
           {"Vielfaltsgestalter:innen – Projekte und Abschluss",
            {"Eigene Projekte vorstellen", "Vernetzung"},
            4,
            {{"2027-07-05 13:00",
              "2027-07-05 16:30",
              "Rathaus Dessau-Roßlau, Ratssaal",
              "Dessau-Roßlau",
              {{"keller", kRequested}}}}},
       },
       {v1::SERIES_STATUS_PLANNED}},
  };
}

// Runs one create; keeps the first error in `status`.
template <typename Stub, typename Request, typename Response>
bool Create(Client& c, Stub& stub,
            grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
            const Request& request, Response* response, grpc::Status* status);

// Katrin holds the qualification the second trainer qualification run
// requires (recorded by hand: her course was before trainhub); Tobias does
// not yet. Jana and Olena are enrolled in the volunteer course, Katrin in
// the trainer qualification, the first-year apprentices of Dessau-Roßlau in
// the parcours as a cohort.
grpc::Status LoadEnrolments(Client& c, const std::map<std::string, int64_t>& people,
                            const std::map<std::string, int64_t>& series, int* counts) {
  grpc::Status status;
  auto participants = v1::ParticipantService::NewStub(c.channel());
  v1::RecordQualificationRequest qualify;
  qualify.set_request_id("demo-qualification-katrin");
  qualify.set_participant_id(people.at("katrin"));
  qualify.mutable_qualification()->set_title(kDiversityTrainer);
  qualify.mutable_qualification()->set_note("Zertifikat der Auslandsgesellschaft, 2016");
  v1::Qualification qualification;
  if (!Create(c, *participants, &v1::ParticipantService::Stub::RecordQualification, qualify,
              &qualification, &status)) {
    return status;
  }
  auto enrolments = v1::EnrolmentService::NewStub(c.channel());
  const std::pair<const char*, const char*> enrol[] = {
      {"ehrenamt", "jana"}, {"ehrenamt", "olena"}, {"ikoe2", "katrin"}, {"montag", "petra"}};
  for (const auto& [series_key, person] : enrol) {
    v1::RequestEnrolmentRequest request;
    request.set_request_id(fmt::format("demo-enrol-{}-{}", series_key, person));
    request.set_series_id(series.at(series_key));
    request.set_participant_id(people.at(person));
    v1::Enrolment enrolment;
    if (!Create(c, *enrolments, &v1::EnrolmentService::Stub::RequestEnrolment, request, &enrolment,
                &status)) {
      return status;
    }
    ++counts[5];
  }
  v1::EnrolCohortRequest cohort;
  cohort.set_request_id("demo-cohort-parcours");
  cohort.set_series_id(series.at("parcours"));
  for (const char* person : {"lena", "mehmet"}) cohort.add_participant_ids(people.at(person));
  v1::EnrolCohortResponse enrolled;
  if (!Create(c, *enrolments, &v1::EnrolmentService::Stub::EnrolCohort, cohort, &enrolled,
              &status)) {
    return status;
  }
  counts[5] += enrolled.enrolments_size();
  return status;
}

template <typename Stub, typename Request, typename Response>
bool Create(Client& c, Stub& stub,
            grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
            const Request& request, Response* response, grpc::Status* status) {
  *status = c.Call(stub, method, request, response);
  return status->ok();
}

// Loads (or completes) the demo data; `counts` gets what was created or found:
// organisations, trainers, series, modules, sessions, enrolments.
grpc::Status Load(Client& c, int* counts) {
  grpc::Status status;
  std::map<std::string, int64_t> org_ids, trainer_ids;
  for (const auto& o : kOrganizations) {
    v1::CreateOrganizationRequest request;
    request.set_request_id(fmt::format("demo-org-{}", o.key));
    request.mutable_organization()->set_name(o.name);
    request.mutable_organization()->set_kind(o.kind);
    request.mutable_organization()->set_city(o.city);
    v1::Organization org;
    if (!Create(c, c.organizations(), &v1::OrganizationService::Stub::CreateOrganization, request,
                &org, &status)) {
      // Request ids are each account's own: an organisation of the demo that
      // this account did not create means another account loaded it. The
      // organisations come first, so nothing has changed yet.
      if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS && org_ids.empty()) {
        return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, msg::kDemoLoadedByOther);
      }
      return status;
    }
    org_ids[o.key] = org.id();
    ++counts[0];
  }
  for (const auto& t : kTrainers) {
    v1::CreateTrainerRequest request;
    request.set_request_id(fmt::format("demo-trainer-{}", t.key));
    request.mutable_trainer()->set_display_name(t.name);
    request.mutable_trainer()->set_email(t.email);
    request.mutable_trainer()->set_affiliation(t.affiliation);
    v1::Trainer trainer;
    if (!Create(c, c.trainers(), &v1::TrainerService::Stub::CreateTrainer, request, &trainer,
                &status)) {
      return status;
    }
    trainer_ids[t.key] = trainer.id();
    ++counts[1];
  }
  std::map<std::string, int64_t> participant_ids;
  auto participants = v1::ParticipantService::NewStub(c.channel());
  for (const DemoParticipant& p : kParticipants) {
    v1::CreateParticipantRequest request;
    request.set_request_id(fmt::format("demo-participant-{}", p.key));
    v1::Participant* person = request.mutable_participant();
    person->set_display_name(p.name);
    person->set_email(p.email);
    person->set_organization_id(org_ids.at(p.organization));
    for (auto g : p.groups) person->add_target_groups(g);
    person->set_training_year(p.training_year);
    v1::Participant created;
    if (!Create(c, *participants, &v1::ParticipantService::Stub::CreateParticipant, request,
                &created, &status)) {
      return status;
    }
    participant_ids[p.key] = created.id();
  }
  for (const DemoAccount& a : kAccounts) {
    v1::CreateAccountRequest request;
    request.mutable_account()->set_email(a.email);
    request.mutable_account()->set_display_name(a.name);
    auto* grant = request.mutable_account()->add_roles();
    grant->set_role(a.role);
    if (a.role == v1::ROLE_COORDINATOR) grant->set_organization_id(org_ids.at(a.key));
    if (a.role == v1::ROLE_TRAINER) grant->set_trainer_id(trainer_ids.at(a.key));
    if (a.role == v1::ROLE_PARTICIPANT) grant->set_participant_id(participant_ids.at(a.key));
    request.set_password(kDemoPassword);
    v1::Account account;
    status = c.Call(c.accounts(), &v1::AccountService::Stub::CreateAccount, request, &account);
    if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) continue;  // loaded before
    if (!status.ok()) return status;
  }
  using Stub = v1::SeriesService::Stub;
  std::map<std::string, int64_t> series_ids;
  for (const DemoSeries& d : Series()) {
    v1::CreateSeriesRequest request;
    request.set_request_id(fmt::format("demo-series-{}", d.key));
    v1::Series* s = request.mutable_series();
    s->set_title(d.title);
    s->set_kind(d.kind);
    s->set_organization_id(org_ids.at(d.owner));
    for (const char* p : d.partners) s->add_partner_organization_ids(org_ids.at(p));
    for (auto g : d.groups) s->add_target_groups(g);
    s->set_capacity(d.capacity);
    s->set_description(d.description);
    s->set_awards_qualification(d.awards_qualification);
    s->set_required_qualification(d.required_qualification);
    if (d.confirmation_deadline != nullptr) {
      std::string error;
      s->set_requires_confirmation(true);
      SetTimestamp(*ParseUserTime(d.confirmation_deadline, "confirmation_deadline", &error),
                   s->mutable_confirmation_deadline());
    }
    v1::Series series;
    if (!Create(c, c.series(), &Stub::CreateSeries, request, &series, &status)) return status;
    series_ids[d.key] = series.id();
    ++counts[2];
    int module_number = 0;
    for (const DemoModule& m : d.modules) {
      ++module_number;
      v1::CreateModuleRequest module_request;
      module_request.set_request_id(fmt::format("demo-module-{}-{}", d.key, module_number));
      module_request.set_series_id(series.id());
      module_request.mutable_module()->set_title(m.title);
      for (const char* topic : m.topics) module_request.mutable_module()->add_topics(topic);
      module_request.mutable_module()->set_mandatory(true);
      module_request.mutable_module()->set_teaching_units(m.teaching_units);
      v1::Module module;
      if (!Create(c, c.series(), &Stub::CreateModule, module_request, &module, &status)) {
        return status;
      }
      ++counts[3];
      int session_number = 0;
      for (const DemoSession& ds : m.sessions) {
        ++session_number;
        v1::CreateSessionRequest session_request;
        session_request.set_request_id(
            fmt::format("demo-session-{}-{}-{}", d.key, module_number, session_number));
        session_request.set_series_id(series.id());
        session_request.set_module_id(module.id());
        v1::Session* session = session_request.mutable_session();
        std::string error;
        SetTimestamp(*ParseUserTime(ds.start, "start", &error), session->mutable_start_time());
        SetTimestamp(*ParseUserTime(ds.end, "end", &error), session->mutable_end_time());
        session->mutable_place()->set_name(ds.place);
        session->mutable_place()->set_address(ds.address);
        for (const auto& [key, booking] : ds.trainers) {
          auto* b = session->add_trainers();
          b->set_trainer_id(trainer_ids.at(key));
          b->set_status(booking);
        }
        v1::Session created;
        if (!Create(c, c.series(), &Stub::CreateSession, session_request, &created, &status)) {
          return status;
        }
        ++counts[4];
      }
    }
    // A repeated load resumes the status path where the series stands.
    auto from = std::find(d.status_path.begin(), d.status_path.end(), series.status());
    for (auto it = from == d.status_path.end() ? d.status_path.begin() : from + 1;
         it != d.status_path.end(); ++it) {
      const v1::SeriesStatus next = *it;
      v1::UpdateSeriesRequest update;
      update.mutable_series()->set_id(series.id());
      update.mutable_series()->set_status(next);
      update.mutable_update_mask()->add_paths("status");
      v1::Series updated;
      if (!Create(c, c.series(), &Stub::UpdateSeries, update, &updated, &status)) return status;
    }
  }
  return LoadEnrolments(c, participant_ids, series_ids, counts);
}

}  // namespace

void AddDemoCommands(CLI::App& app, Context& ctx) {
  CLI::App* demo = app.add_subcommand("demo", msg::kDemoCommand)->require_subcommand(1);
  auto* load = demo->add_subcommand("load", msg::kDemoLoad);
  load->callback([&ctx] {
    auto& c = ctx.client();
    int counts[6] = {0, 0, 0, 0, 0, 0};
    if (!Check(ctx, Load(c, counts))) return;
    std::cout << fmt::format(msg::kDemoLoaded, counts[0], counts[1], counts[2], counts[3],
                             counts[4], counts[5])
              << "\n";
    for (const DemoAccount& a : kAccounts) {
      std::cout << fmt::format(msg::kDemoAccountLine, a.email, kDemoPassword, a.what) << "\n";
    }
  });
}

}  // namespace trainhub::cli
