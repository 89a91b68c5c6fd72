import type { Activity, Agent, ContextActivityList, Group, Statement, SubStatement } from "./validate.ts";

/**
 * The `agent` and `activity` query filters as array-containment tests on indexed columns. An agent is
 * keyed by its objectType and inverse functional identifier, separated by spaces, which IRIs and
 * e-mail addresses cannot contain (the account name comes last, so its spaces cannot mislead).
 * 002_lrs.sql builds the same keys for rows written before this code.
 */
export function agentKey(agent: Agent | Group): string | undefined {
  const type = agent.objectType === "Group" ? "Group" : "Agent";
  if (agent.mbox) return `${type} mbox ${agent.mbox}`;
  if (agent.mbox_sha1sum) return `${type} mbox_sha1sum ${agent.mbox_sha1sum.toLowerCase()}`;
  if (agent.openid) return `${type} openid ${agent.openid}`;
  if (agent.account) return `${type} account ${agent.account.homePage} ${agent.account.name}`;
  return undefined;
}

/** The agent itself and, for a Group, its members: §2.1.3 counts a group with a matching member as a match. */
function keysOf(agent: Agent | Group | undefined): string[] {
  if (!agent) return [];
  const own = agentKey(agent);
  const members = agent.objectType === "Group" ? (agent.member ?? []).map(agentKey) : [];
  return [own, ...members].filter((key): key is string => key !== undefined);
}

const isAgentLike = (object: Statement["object"]): object is Agent | Group =>
  object.objectType === "Agent" || object.objectType === "Group";

function contextActivityIds(lists: Partial<Record<string, ContextActivityList>> | undefined): string[] {
  return Object.values(lists ?? {}).flatMap((list) =>
    (Array.isArray(list) ? list : list ? [list] : []).map((a) => a.id),
  );
}

function relatedOf(statement: Statement | SubStatement): { agents: string[]; activities: string[] } {
  const object = statement.object;
  const agents = [
    ...keysOf(statement.actor),
    ...(isAgentLike(object) ? keysOf(object) : []),
    ...keysOf(statement.context?.instructor),
    ...keysOf(statement.context?.team),
  ];
  const activities = [
    ...(isActivity(object) ? [object.id] : []),
    ...contextActivityIds(statement.context?.contextActivities),
  ];
  if (object.objectType === "SubStatement") {
    const inner = relatedOf(object);
    agents.push(...inner.agents);
    activities.push(...inner.activities);
  }
  return { agents, activities };
}

export function isActivity(object: Statement["object"]): object is Activity {
  return (object.objectType ?? "Activity") === "Activity";
}

export interface StatementIndex {
  /** Actor and object: the plain `agent` filter. */
  agents: string[];
  /** Also authority, instructor, team and all of these inside a SubStatement: `related_agents`. */
  relatedAgents: string[];
  /** The object when it is an Activity: the plain `activity` filter. */
  activityId: string | null;
  /** Also context activities and a SubStatement's: `related_activities`. */
  relatedActivities: string[];
  /** The target of a StatementRef object. */
  refStatementId: string | null;
}

export function indexStatement(statement: Statement, authority: Agent | Group): StatementIndex {
  const object = statement.object;
  const related = relatedOf(statement);
  return {
    agents: unique([...keysOf(statement.actor), ...(isAgentLike(object) ? keysOf(object) : [])]),
    relatedAgents: unique([...related.agents, ...keysOf(authority)]),
    activityId: isActivity(object) ? object.id : null,
    relatedActivities: unique(related.activities),
    refStatementId: object.objectType === "StatementRef" ? object.id : null,
  };
}

const unique = (values: string[]) => [...new Set(values)];
