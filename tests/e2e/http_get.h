#ifndef TRAINHUB_TESTS_E2E_HTTP_GET_H_
#define TRAINHUB_TESTS_E2E_HTTP_GET_H_

// Plain HTTP/1.1 for the end-to-end tests of trainhubd's web endpoints.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace trainhub::e2e {

// A loopback port free at the moment of asking.
inline int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

struct HttpAnswer {
  int code = 0;
  std::string head, body;
};

// One GET over a plain socket, as curl would send it.
inline HttpAnswer Get(int port, const std::string& target, const std::string& extra_headers = "") {
  HttpAnswer answer;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return answer;
  }
  const std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers +
                              "Connection: close\r\n\r\n";
  ::send(fd, request.data(), request.size(), 0);
  std::string all;
  char buffer[8192];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) all.append(buffer, n);
  ::close(fd);
  const size_t split = all.find("\r\n\r\n");
  if (split == std::string::npos || all.size() < 12) return answer;
  answer.code = std::stoi(all.substr(9, 3));
  answer.head = all.substr(0, split);
  answer.body = all.substr(split + 4);
  return answer;
}

}  // namespace trainhub::e2e

#endif  // TRAINHUB_TESTS_E2E_HTTP_GET_H_
