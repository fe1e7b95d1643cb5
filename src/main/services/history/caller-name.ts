/** A caller-id name that is only the number again tells nothing. */
export function meaningfulName(name: unknown, number: string): string | undefined {
  if (typeof name !== 'string') return undefined;
  const trimmed = name.trim();
  if (trimmed === '' || /^[+\d\s().-]+$/.test(trimmed)) return undefined;
  if (trimmed.toLowerCase() === number.trim().toLowerCase()) return undefined;
  return trimmed;
}
