import { describe, expect, it } from "vitest";
import { brandMessage, usesBrand } from "@/lib/registration/brand";

describe("usesBrand", () => {
  it.each([
    "Pleo",
    "pleo",
    "PLEO",
    "Pleo Sync",
    "Official Pleo client",
    "Accounting by Pleo",
    "Pleo-Connect",
    "PleoSync",
    "MyPleoApp",
    "PLEOSync",
    "Connect (Pleo)",
    "\u0420leo", // Cyrillic capital Er
    "Pl\u0435o", // Cyrillic small ie
    "\u03a1leo", // Greek capital Rho
    "Ple\u03bf", // Greek small omicron
    "\uff30\uff4c\uff45\uff4f", // full-width
    "Pl\u200Beo", // zero-width space
    "P\u00adleo", // soft hyphen
    "\ufeffPleo",
    "Pl\u2060eo",
    "Ple0",
    "P1eo",
    "Plèo",
    "P-l-e-o Tools",
    "Pleo2024",
  ])("refuses %j", (text) => {
    expect(usesBrand(text, "Pleo")).toBe(true);
  });

  it.each(["Pleonasm Analytics", "Example Client", "Apollo", "Peleo", "Simple Ops", "Help Leo", "Leo Pl", ""])("accepts %j", (text) => {
    expect(usesBrand(text, "Pleo")).toBe(false);
  });

  it("works for any configured brand", () => {
    expect(usesBrand("Acme", "Acme")).toBe(true);
    expect(usesBrand("AcmeBooks", "Acme")).toBe(true);
    expect(usesBrand("Pleo", "Acme")).toBe(false);
    expect(usesBrand("Acmeology", "Acme")).toBe(false);
    expect(usesBrand("Pay Pal exports", "PayPal")).toBe(true);
    expect(usesBrand("Paypal", "PayPal")).toBe(true);
    expect(usesBrand("anything", "")).toBe(false);
  });

  it("tells partners to pick another name", () => {
    expect(brandMessage("Pleo")).toMatch(/^Choose a name without "Pleo"/);
  });
});
