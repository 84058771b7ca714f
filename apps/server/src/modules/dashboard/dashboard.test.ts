import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD } from '../../test/world.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await buildWorld(env.platform);
});
afterAll(() => env.close());

describe('dashboard', () => {
  it('counts the region for region users', async () => {
    const c = await signIn(env.app, 'a_region_supervisor', PASSWORD);
    const d = (await c.get('/api/dashboard')).json();
    expect(d).toMatchObject({ scope: 'region', scopeName: '一市', institutions: 2, departments: 4, clinicalDepartments: 2, staff: 6, middleCadres: 2, keyPosts: 2 });
    expect(d.byInstitution.map((i: { name: string }) => i.name).sort()).toEqual(['HA医院', 'HB医院']);
  });

  it('counts one institution for its officers and one department for its head', async () => {
    const officer = (await (await signIn(env.app, 'a_discipline_officer', PASSWORD)).get('/api/dashboard')).json();
    expect(officer).toMatchObject({ scope: 'institution', institutions: 1, departments: 2, staff: 3, branches: 1 });
    const head = (await (await signIn(env.app, 'a_dept_head', PASSWORD)).get('/api/dashboard')).json();
    expect(head).toMatchObject({ scope: 'department', departments: 1, staff: 2 });
    expect(head.byDepartment).toEqual([expect.objectContaining({ name: '心内科', staff: 2 })]);
  });
});
