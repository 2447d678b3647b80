/**
 * Every module that registers personal data for export and erasure (see
 * @mas/core/accounts/gdpr). The accounts Lambda answers `GET /me/export` and `DELETE /me`,
 * so it must load each service's contributor: add one import per service here.
 */
import "@mas/core/accounts/personal-data";
import "@mas/core/booking/personal-data";
import "@mas/core/messaging/personal-data";
import "@mas/core/payments/personal-data";
