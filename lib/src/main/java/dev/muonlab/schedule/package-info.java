/**
 * Learning-rate schedules as pure multipliers of a parameter group's base learning rate (so an
 * optimizer resumes bit-identically without schedule state): constant, nanoGPT's warm-up + cosine,
 * modded-nanogpt's warm-up–stable–decay.
 */
package dev.muonlab.schedule;
