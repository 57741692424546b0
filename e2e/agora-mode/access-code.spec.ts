import { expect, test } from "../fixtures";
import { connectionState, expectConnected, uniqueUser } from "../helpers";
import { AGORA_MODE_ACCESS_CODE, AGORA_MODE_APP_URL } from "../servers";

// The Agora-mode app wants an access code, as a public preview should.

test("refuses a token request without the code", async () => {
  const response = await fetch(
    `${AGORA_MODE_APP_URL}/api/chat/user/${uniqueUser("nocode")}/token`,
  );

  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({
    error: "access_code_required",
  });
});

test("asks for the code, asks again after a wrong one, then logs in", async ({
  page,
}) => {
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Username").fill(uniqueUser("gate"));
  await page.getByLabel("Access code").fill("not-the-code");
  await page.getByRole("button", { name: "Login" }).click();

  await expect(connectionState(page)).toHaveText("failed");
  await expect(page.getByTestId("error-notice")).toContainText(
    "Wrong access code",
  );
  await expect(page.getByText("That code was refused")).toBeVisible();

  await page.getByLabel("Access code").fill(AGORA_MODE_ACCESS_CODE);
  await page.getByRole("button", { name: "Login" }).click();
  await expectConnected(page);
});

test("asks only once per tab", async ({ page }) => {
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Username").fill(uniqueUser("once"));
  await page.getByLabel("Access code").fill(AGORA_MODE_ACCESS_CODE);
  await page.getByRole("button", { name: "Login" }).click();
  await expectConnected(page);

  await page.reload();
  await page.waitForLoadState("networkidle");

  await expect(page.getByLabel("Access code")).toHaveCount(0);
  await page.getByLabel("Username").fill(uniqueUser("again"));
  await page.getByRole("button", { name: "Login" }).click();
  await expectConnected(page);
});

test("does not warn about an open deployment when a code is set", async ({
  page,
}) => {
  await page.goto("/");

  await expect(page.getByTestId("open-deployment-warning")).toHaveCount(0);
});
