import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { MISSING_YEARS } from './documents.js';
import { MissingYearsWarning } from './MissingYearsWarning.js';
import { type GraphqlMock, renderWithAdmin } from './testing.js';

afterEach(cleanup);

describe('MissingYearsWarning', () => {
  test('asks the server and names the missing years; the root admin gets a link to load them', async () => {
    const graphql: GraphqlMock = vi.fn(async () => ({ missingHolidayYears: [2028, 2027] }));
    renderWithAdmin(<MissingYearsWarning />, { graphql, tenant: { id: 'T-root', name: '重庆市司法局', slug: 'cq', kind: 'MUNICIPAL_BUREAU' } });
    const alert = await screen.findByTestId('missing-years-warning');
    expect(graphql).toHaveBeenCalledWith(MISSING_YEARS);
    expect(alert.textContent).toContain('2027、2028');
    await waitFor(() => expect(screen.getByRole('link', { name: '加载年度安排' }).getAttribute('href')).toMatch(/\/settings\/calendar$/));
  });

  test('a district admin is told whom to ask, with no link', async () => {
    const graphql: GraphqlMock = vi.fn(async () => ({ missingHolidayYears: [2027] }));
    renderWithAdmin(<MissingYearsWarning />, { graphql });
    const alert = await screen.findByTestId('missing-years-warning');
    await waitFor(() => expect(alert.textContent).toContain('请联系市司法局管理员'));
    expect(screen.queryByRole('link')).toBeNull();
  });

  test('nothing at all when every year is loaded', async () => {
    const graphql: GraphqlMock = vi.fn(async () => ({ missingHolidayYears: [] }));
    const { container } = renderWithAdmin(<MissingYearsWarning />, { graphql });
    await waitFor(() => expect(graphql).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    expect(container.textContent).toBe('');
  });

  test('given the years (the calendar page has them) it does not ask again', async () => {
    const graphql: GraphqlMock = vi.fn();
    renderWithAdmin(<MissingYearsWarning years={[2027]} />, { graphql });
    expect((await screen.findByTestId('missing-years-warning')).textContent).toContain('2027');
    expect(graphql).not.toHaveBeenCalled();
  });
});
