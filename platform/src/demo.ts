/**
 * The demo accounts seeded in embedded mode. Fixed ids let the catalog seed assign
 * products to the two vendors without reading another subgraph's tables.
 */
export const demoAccounts = {
  admin: {
    id: '00000000-0000-4000-8000-00000000a001',
    email: 'admin@basket.local',
    password: 'admin-pass-1',
    name: 'Quản trị Basket',
    role: 'ADMIN',
  },
  customer: {
    id: '00000000-0000-4000-8000-00000000c001',
    email: 'lan@basket.local',
    password: 'customer-pass-1',
    name: 'Nguyễn Thị Lan',
    role: 'CUSTOMER',
  },
  vendorA: {
    id: '00000000-0000-4000-8000-00000000b001',
    email: 'tuoi@basket.local',
    password: 'vendor-pass-1',
    name: 'Chợ Tươi Đà Lạt',
    role: 'VENDOR',
  },
  vendorB: {
    id: '00000000-0000-4000-8000-00000000b002',
    email: 'mart@basket.local',
    password: 'vendor-pass-2',
    name: 'Siêu Thị Sài Gòn',
    role: 'VENDOR',
  },
} as const;
