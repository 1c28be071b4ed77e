#ifndef TRAINHUB_SERVICES_SERVER_VERIFICATION_PAGE_TEXT_H_
#define TRAINHUB_SERVICES_SERVER_VERIFICATION_PAGE_TEXT_H_

// The text catalogue of the public verification pages: every word they
// show, in German and in English. Used by verification_page.cc only.
// Entries hold HTML (escaped already where needed), never user text.

#include "server/verification_page.h"

namespace trainhub::server {

// Every text of the pages, per language.
struct PageWords {
  const char* lang;
  const char* other_lang;
  const char* other_lang_name;
  const char* title;
  const char* intro;
  const char* number_label;
  const char* check_button;
  const char* valid;
  const char* valid_note;
  const char* revoked;
  const char* revoked_note;  // {date} {reason} follow
  const char* superseded;
  const char* superseded_note;          // the replacement is valid
  const char* superseded_revoked_note;  // the replacement was revoked
  const char* superseded_unknown_note;  // its status is on its own page
  const char* replacement_status;       // row label
  const char* latest_replacement;       // row label, when replaced more than once
  const char* replacement_valid;
  const char* replacement_revoked_on;  // a date follows
  const char* unknown;
  const char* unknown_note;
  const char* signature_broken;
  const char* not_confirmed;
  const char* kind_certificate;
  const char* kind_confirmation;
  const char* kind;
  const char* number;
  const char* holder;
  const char* series;
  const char* issuer;
  const char* issued;
  const char* units;
  const char* reason;
  const char* revoked_on;
  const char* replaced_by;
  const char* pdf_heading;
  const char* pdf_note;
  const char* signature;
  const char* signature_ok;
  const char* signature_bad;
  const char* machine_readable;
  const char* keys;
  const char* other_number;
  const char* not_found;
  const char* not_found_note;
  const char* too_many;
  const char* too_many_note;
  const char* holder_erased;
  const char* name_check;
  const char* name_check_note;
  const char* name_label;
  const char* name_matches;
  const char* name_differs;
  const char* name_matches_transliterated;
  const char* unconfirmed;
  const char* unconfirmed_note;
  const char* finding;
  const char* keys_intro;
  const char* key_id;
  const char* key_did;
  const char* key_public;
  const char* key_since;
  const char* key_use;
  const char* key_active;
  const char* key_retired;
  const char* no_keys;
};

const PageWords& WordsOf(PageLanguage language);

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_VERIFICATION_PAGE_TEXT_H_
