/**
 * Every payment subject resolver the payments Lambda must know (see
 * ./domain/subjects): deposits, fees, and course fees priced from @mas/learning/read.
 */
import "./domain/subjects";
