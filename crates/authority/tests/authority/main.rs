//! The membership log from outside: the rules one by one, refusals of bad input, concurrent
//! operations, convergence under any delivery order, storage, sync helpers and timing.

mod fixture;

mod concurrency;
mod convergence;
mod refusals;
mod rules;
mod storage;
mod sync;
mod timing;
