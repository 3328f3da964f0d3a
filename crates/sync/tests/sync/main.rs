//! The sync engine over a simulated network: convergence, faults, authorization, malformed
//! input, restarts, reconnection cost, large groups and invitations.

mod fixture;
mod sim;

mod authorization;
mod big_group;
mod convergence;
mod faults;
mod invitation;
mod malformed;
mod reconnection;
