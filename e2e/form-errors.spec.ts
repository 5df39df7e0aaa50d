import { expect, test, type Locator, type Page } from "@playwright/test";
import { ADMIN_STATE, PARTNER_STATE, expectAccessible, formAlert } from "./support/accounts";
import { approveViaApi, submitRegistration } from "./support/registrations";

// One form contract: a server action's field error is shown at its field (the control names
// the error region in aria-describedby and is aria-invalid), the form-level message in a
// role="alert", and focus goes to the first invalid control. Checked on an admin form and on a
// credential form, with errors only the server finds.

async function expectServerFieldError(page: Page, control: Locator, message: string) {
  await expect(control).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await control.getAttribute("aria-describedby"))!;
  const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"))!;
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText(message);
  await expect(page.locator(`[id="${errorId}"]`)).toHaveAttribute("aria-live", "polite");
  await expect(control).toBeFocused();
  await expect(formAlert(page)).toContainText("Some fields need your attention.");
}

test("an admin form shows the server's field error at the field, the summary in an alert", async ({ browser }) => {
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const id = await submitRegistration(await partnerContext.newPage(), `Form Errors Client ${Date.now().toString(36)}`);
  await partnerContext.close();

  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminContext.newPage();
  await admin.goto(`/admin/registrations/${id}`);
  const comment = admin.getByLabel("Comment", { exact: true });
  await comment.fill("x".repeat(2001));
  await admin.getByRole("button", { name: "Add comment" }).click();
  await expectServerFieldError(admin, comment, "Keep it under 2,000 characters.");
  await expectAccessible(admin);
  await adminContext.close();
});

test("a credential form shows the server's field error at the field, the summary in an alert", async ({ browser }) => {
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const partner = await partnerContext.newPage();
  const id = await submitRegistration(partner, `Form Errors Credentials ${Date.now().toString(36)}`);
  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  await approveViaApi(await adminContext.newPage(), id);
  await adminContext.close();

  await partner.goto(`/registrations/${id}`);
  const grace = partner.getByLabel("Old secret keeps working for");
  // A grace period the list does not offer (as a tampered request would send).
  await grace.evaluate((select: HTMLSelectElement) => select.add(new Option("5 seconds", "5")));
  await grace.selectOption("5");
  await partner.getByRole("button", { name: "Rotate secret" }).click();
  await expectServerFieldError(partner, grace, "Choose a grace period from the list.");
  await partnerContext.close();
});
