/** Why a publish of the live version's exact content is refused: it would only add an identical version. */
export const nothingChangedMessage = (version: number) => `Nothing has changed since version ${version}.`;
