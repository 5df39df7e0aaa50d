import { describe, expect, it } from "vitest";
import { clientMetadata } from "@/lib/oauth/provisioning";
import { toManifest } from "@/lib/registration/manifest-format";
import { valid } from "./registration/fixtures";

// Provisioning sends the exported manifest: one builder, so the two cannot drift apart.

describe("clientMetadata", () => {
  it("is the exported manifest with openid added to the scope", () => {
    const data = valid({ clientType: "public_spa" });
    const logo = "https://portal.example/api/logos/abc";
    expect(clientMetadata(data, "staging", logo)).toEqual({ ...toManifest(data, "staging", logo), scope: "openid users:read users:write" });
  });

  it("carries a PKCE exception with its reason, by the export's rule", () => {
    const reason = "Our batch connector has no browser step to add PKCE to.";
    expect(clientMetadata(valid({ pkceSupport: "not_supported", pkceExceptionReason: reason }), "production", null)).toMatchObject({
      pkce_supported: false,
      pkce_exception_reason: reason,
    });
    expect(clientMetadata(valid({ pkceExceptionReason: reason }), "production", null)).not.toHaveProperty("pkce_exception_reason");
  });
});
