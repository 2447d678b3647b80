/**
 * Every payment subject resolver the payments Lambda must know (see
 * @mas/core/payments/subjects). Deposits and fees are built in; Learning adds its
 * course-fee resolver module here with one import when it lands.
 */
import "./domain/subjects";
