// Next.js calls register() once as a server starts, before any request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;

  const startup = await import("./lib/startup");
  startup.checkConfigurationAtStartup();
  startup.startTokenSigning();
}
