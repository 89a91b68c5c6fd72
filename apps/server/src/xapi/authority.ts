import { AGENT_HOME_PAGE } from "@bvte/learning-records";
import type { Agent } from "./validate.ts";

/** A learner (or trainer, admin) writing through their session vouches for their own statements. */
export function personAgent(personId: string): Agent {
  return { objectType: "Agent", account: { homePage: AGENT_HOME_PAGE, name: personId } };
}

/** A system writing with LRS credentials is identified by its credential key. */
export function credentialAgent(key: string): Agent {
  return { objectType: "Agent", account: { homePage: `${AGENT_HOME_PAGE}/lrs-credentials`, name: key } };
}

/** The server itself, for statements it records (certification exam results). */
export const SERVER_AGENT: Agent = {
  objectType: "Agent",
  account: { homePage: `${AGENT_HOME_PAGE}/server`, name: "certification" },
};
