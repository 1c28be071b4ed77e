#include "api/request_log.h"

#include <google/protobuf/message.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <string>

#include "absl/strings/string_view.h"
#include "api/auth.h"
#include "trainhub/v1/common.pb.h"

namespace trainhub::api {
using grpc::experimental::InterceptionHookPoints;

const char* StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::OK:
      return "OK";
    case grpc::CANCELLED:
      return "CANCELLED";
    case grpc::UNKNOWN:
      return "UNKNOWN";
    case grpc::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::ABORTED:
      return "ABORTED";
    case grpc::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::INTERNAL:
      return "INTERNAL";
    case grpc::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "?";
  }
}

namespace {

constexpr char kOwnPrefix[] = "/trainhub.v1.";

class RequestLogInterceptor : public grpc::experimental::Interceptor {
 public:
  RequestLogInterceptor(grpc::experimental::ServerRpcInfo* info, domain::Accounts& accounts,
                        domain::AuditLog& audit, const RpcObserver& observer,
                        std::atomic<int>& active_calls)
      : active_calls_(active_calls),
        method_(info->method()),
        info_(info),
        start_(std::chrono::steady_clock::now()),
        accounts_(accounts),
        audit_(audit),
        observer_(observer) {
    ++active_calls_;
  }
  ~RequestLogInterceptor() override { --active_calls_; }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    const bool own = method_.rfind(kOwnPrefix, 0) == 0;
    if (own &&
        methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      auto* metadata = methods->GetRecvInitialMetadata();
      auto it = metadata->find("authorization");
      if (it != metadata->end()) authorization_.assign(it->second.data(), it->second.size());
    }
    if (own && methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      // Our services' messages are full protobuf messages.
      if (auto* message = static_cast<google::protobuf::Message*>(methods->GetRecvMessage())) {
        const auto* field = message->GetDescriptor()->FindFieldByName("request_id");
        if (field != nullptr && field->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
          request_id_ = message->GetReflection()->GetString(*message, field);
        }
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::StatusCode code = methods->GetSendStatus().error_code();
      if (own && (code == grpc::StatusCode::UNAUTHENTICATED ||
                  code == grpc::StatusCode::PERMISSION_DENIED)) {
        RecordRefusal(code);
      }
      const grpc::Status status = methods->GetSendStatus();
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
              .count();
      std::string fields;
      trainhub::v1::ErrorDetails details;
      if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
        for (const auto& v : details.field_violations()) {
          fields += fields.empty() ? " fields=" : ",";
          fields += v.field();
        }
      }
      spdlog::info("rpc {} {} {:.2f}ms{}", method_, StatusCodeName(status.error_code()), ms,
                   fields);
      if (observer_) observer_(method_, status.error_code(), ms / 1000);
    }
    methods->Proceed();
  }

 private:
  void RecordRefusal(grpc::StatusCode code) {
    domain::Id account_id = 0;
    constexpr absl::string_view kScheme = "Bearer ";
    // A failed login is nobody's yet, whatever token came along.
    const bool login = method_ == "/trainhub.v1.AccountService/Login";
    if (!login && authorization_.size() > kScheme.size()) {
      auto principal =
          accounts_.Authenticate(absl::string_view(authorization_).substr(kScheme.size()));
      if (principal.ok()) account_id = principal->account.id;
    }
    absl::Status recorded =
        audit_.RecordRefusal(account_id, method_.substr(1), StatusCodeName(code), request_id_,
                             ClientAddress(info_->server_context()->peer()));
    if (!recorded.ok()) {
      spdlog::error("cannot record a refused call in the audit log: {}",
                    std::string(recorded.message()));
    }
  }

  std::atomic<int>& active_calls_;
  std::string method_;
  grpc::experimental::ServerRpcInfo* info_;  // outlives the interceptor
  std::chrono::steady_clock::time_point start_;
  domain::Accounts& accounts_;
  domain::AuditLog& audit_;
  const RpcObserver& observer_;  // owned by the factory, which outlives the calls
  std::string authorization_;
  std::string request_id_;
};

}  // namespace

grpc::experimental::Interceptor* RequestLogFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RequestLogInterceptor(info, accounts_, audit_, observer_, active_calls_);
}

}  // namespace trainhub::api
