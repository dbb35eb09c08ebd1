/** Listing dates: `Aug 22, 2023`, or `Aug 22` for a date in the dump's own year. */
import type { ListingDate } from '../types.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The date pattern as a regex source, for parsers that embed it: month, day, optional year. */
export const LISTING_DATE_SOURCE = String.raw`([A-Z][a-z]{2,8})\.? (\d{1,2})(?:, (\d{4}))?`;

/** Reads `Mon D` / `Mon D, YYYY` (month names or three-letter abbreviations). Null when not a valid date. */
export function parseListingDate(monthName: string, dayText: string, yearText: string | undefined): ListingDate | null {
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  const day = Number(dayText);
  const year = yearText === undefined ? null : Number(yearText);
  if (month === 0 || day < 1 || day > daysInMonth(month, year ?? 2000)) return null;
  return { year, month, day };
}

/**
 * The year that dates printed without one belong to. The site prints a year only for papers from
 * earlier years, so the dumps were taken in the year after the latest printed one. Null when no
 * date carries a year; `explicitYear` (the `--year` option) always wins.
 */
export function inferListingYear(dates: Iterable<ListingDate | null>, explicitYear: number | null): number | null {
  if (explicitYear !== null) return explicitYear;
  let latest = -Infinity;
  for (const date of dates) if (date?.year != null && date.year > latest) latest = date.year;
  return Number.isFinite(latest) ? latest + 1 : null;
}

/** ISO `YYYY-MM-DD`, or null when the year is unknown or the day does not exist in that year (Feb 29). */
export function toIsoDate(date: ListingDate, defaultYear: number | null): string | null {
  const year = date.year ?? defaultYear;
  if (year === null || date.day > daysInMonth(date.month, year)) return null;
  return `${String(year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function daysInMonth(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
