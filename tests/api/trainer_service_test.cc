// TrainerService: who may call what (the rows of the access matrix).

#include "api/access_matrix.h"
#include "api/api_fixture.h"

namespace trainhub::api_test {
namespace {

// TrainerService's rows of the access matrix (access_matrix.h).
TH_ACCESS_ROWS(kTrainerServiceRows,
               {
                   {"TrainerService/CreateTrainer",
                    [](const AccessObjects&) { return std::string(); }, kPlanners},
                   {"TrainerService/GetTrainer",
                    [](const AccessObjects& o) {
                      v1::GetTrainerRequest r;
                      r.set_id(o.trainer);
                      return Bytes(r);
                    },
                    {true, true, true, false, false, false}},
                   {"TrainerService/ListTrainers",
                    [](const AccessObjects&) { return std::string(); }, kPlanners},
                   {"TrainerService/UpdateTrainer",
                    [](const AccessObjects& o) {
                      v1::UpdateTrainerRequest r;
                      r.mutable_trainer()->set_id(o.trainer);
                      r.mutable_update_mask()->add_paths("affiliation");
                      return Bytes(r);
                    },
                    kPlanners},
               });
}  // namespace
}  // namespace trainhub::api_test
