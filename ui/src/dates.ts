// Dates as the API writes them: ISO days, compared as strings.
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function today(): string {
  return isoDay(new Date());
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
}

export function isDay(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}
