/**
 * What an action on an agent page said: its confirmation in a status region
 * (always in the page, so a screen reader announces each new text) and its
 * problem, if any, as an alert. Used by the reports' lists and the teaching
 * page (the inbox's notices are another thing: site/inbox/Notices.tsx).
 */
export function StatusAndAlert({ confirmation, problem }: { confirmation: string; problem: string }) {
  return (
    <>
      <p role="status" className="confirmation">
        {confirmation}
      </p>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </>
  );
}
