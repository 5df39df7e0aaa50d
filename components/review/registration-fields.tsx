import {
  CLIENT_TYPES,
  FIELD_LABELS,
  PKCE_OPTIONS,
  SECTIONS,
  SUBJECT_TYPES,
  type Environment,
  type FieldName,
  type RegistrationData,
} from "@/lib/registration/fields";
import { checkLogoId } from "@/lib/registration/rules";
import { linkableUrl } from "@/lib/registration/urls";

type Comment = { id: string; field: string | null; body: string; author: { name: string } };

type Shown = { data: RegistrationData; environment: Environment; logoUploaded: boolean };

// Revisions keep what was stored, so a value becomes a link or an image only once it passes
// the rules (and, for the logo, the server confirmed it is one of the organization's uploads).
function Value({ name, data, environment, logoUploaded }: Shown & { name: FieldName }) {
  const v = data[name];
  if (name === "logoId") {
    if (!data.logoId) return <em className="text-fg-muted">None</em>;
    if (!logoUploaded || checkLogoId(data.logoId))
      return <span className="break-all">Not shown: &ldquo;{data.logoId.slice(0, 100)}&rdquo; is not one of the organization&apos;s uploaded logos</span>;
    // Real size, so reviewers judge the actual image (it is at least 256×256).
    // eslint-disable-next-line @next/next/no-img-element -- served by our own route
    return <img src={`/api/logos/${data.logoId}`} alt={`Logo of ${data.clientName || "the client"}`} className="max-w-full rounded-lg border border-border" />;
  }
  if (name === "clientType") return <>{CLIENT_TYPES.find((t) => t.value === v)?.label}</>;
  if (name === "pkceSupport") return <>{PKCE_OPTIONS.find((t) => t.value === v)?.label}</>;
  if (name === "subjectTypePreference") return <>{SUBJECT_TYPES.find((t) => t.value === v)?.label}</>;
  if (Array.isArray(v))
    return v.length ? (
      <ul className="space-y-0.5">
        {v.map((x) => (
          <li key={x} className="break-all font-mono text-xs">
            {x}
          </li>
        ))}
      </ul>
    ) : (
      <em className="text-fg-muted">None</em>
    );
  const href = typeof v === "string" && /^https?:\/\//.test(v) ? linkableUrl(v, environment) : undefined;
  if (href)
    return (
      <a href={href} target="_blank" rel="noopener noreferrer" className="break-all text-primary underline underline-offset-2">
        {v}
      </a>
    );
  return v ? <span className="break-all">{v}</span> : <em className="text-fg-muted">Empty</em>;
}

/** Every field of a revision by section, with reviewer comments pinned beside their field. */
export function RegistrationFields({ data, environment, logoUploaded, comments = [] }: Shown & { comments?: Comment[] }) {
  return (
    <div className="space-y-6">
      {SECTIONS.map((section) => (
        <section key={section.id} aria-labelledby={`fields-${section.id}`}>
          <h3 id={`fields-${section.id}`} className="mb-2 text-sm font-semibold">
            {section.title}
          </h3>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
            {section.fields
              .filter((f) => f !== "pkceExceptionReason" || data.pkceSupport === "not_supported")
              .map((f) => {
                const pinned = comments.filter((c) => c.field === f);
                return (
                  <div key={f} className="contents">
                    <dt className="text-sm text-fg-muted">{FIELD_LABELS[f]}</dt>
                    <dd className="text-sm">
                      <Value name={f} data={data} environment={environment} logoUploaded={logoUploaded} />
                      {pinned.map((c) => (
                        <p key={c.id} className="mt-2 rounded-md border-l-4 border-warning bg-warning-soft px-3 py-2 text-sm">
                          <span className="font-medium">{c.author.name}:</span> {c.body}
                        </p>
                      ))}
                    </dd>
                  </div>
                );
              })}
          </dl>
        </section>
      ))}
    </div>
  );
}
