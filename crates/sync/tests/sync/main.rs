//! The sync engine over a simulated network: convergence, faults, authorization, malformed
//! input, restarts, reconnection cost, large groups, invitations, and the membership log
//! travelling beside the documents.

mod fixture;
mod sim;

mod authorization;
mod big_group;
mod convergence;
mod faults;
mod invitation;
mod malformed;
mod membership;
mod reconnection;
