// Resident memory (and CPU time) of a benchmarked server: every process of its process group (launch() makes
// each child a group leader), read from /proc. Linux only; elsewhere the figures are null.
import { readdirSync, readFileSync } from "node:fs";

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: the fields start after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // utime and stime are in clock ticks, 1/100 s on Linux.
    return { pgrp: Number(fields[2]), cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
  } catch {
    return null; // the process ended while we looked
  }
}

/** CPU time (user + system, all its threads) the process has used so far, in ms; null when gone. */
export function cpuMs(pid) {
  return stat(pid)?.cpuMs ?? null;
}

/**
 * CPU time (ms) used so far by the PostgreSQL backends serving `database` (their command lines
 * read "postgres: <user> <database> ..."): a backend that ended is no longer counted, so read
 * it over a window in which the database's connections stay open.
 */
export function backendCpuMs(database) {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const words = commandLine(pid).split(" ");
    if (words[0] === "postgres:" && words[2] === database) total += cpuMs(pid) ?? 0;
  }
  return total;
}

function status(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key) => Number(text.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m"))?.[1] ?? 0);
    return { name: text.match(/^Name:\s+(.*)$/m)?.[1] ?? "?", rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") };
  } catch {
    return null;
  }
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return "";
  }
}

/**
 * VmRSS of each process in the group led by leaderPid, and their sum in MB (1 MB = 2^20 bytes).
 * The sum counts pages shared between the processes (the node binary) once per process, so it
 * is an upper bound of what the group holds.
 */
export function groupMemory(leaderPid) {
  let pids = [];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return { totalMb: null, processes: [] };
  }
  const processes = [];
  for (const pid of pids) {
    if (stat(pid)?.pgrp !== leaderPid) continue;
    const s = status(pid);
    if (s) processes.push({ pid: Number(pid), name: s.name, command: commandLine(pid).slice(0, 120), rssMb: s.rssKb / 1024, peakRssMb: s.hwmKb / 1024 });
  }
  const totalMb = processes.length ? processes.reduce((sum, p) => sum + p.rssMb, 0) : null;
  return { totalMb, processes };
}
